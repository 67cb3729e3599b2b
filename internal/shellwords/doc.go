// Package shellwords turns command strings into the two shapes a Dockerfile
// can hold safely (docs/init.md): an exec-form argv, split the way a POSIX shell
// splits words but refusing anything a shell would have to interpret, and a
// one-line build command for a RUN instruction.
//
// Both flags and values read from a repository (package.json scripts, …)
// go through here before they can reach a template.
package shellwords
