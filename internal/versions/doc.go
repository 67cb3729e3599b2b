// Package versions is dockslim's single table of version-shaped facts:
// Node LTS lines, default runtime versions and, for rendering, base image
// tags. Everything lives in versions.yaml so a release bump is a one-file
// diff that reviewers can read.
package versions
