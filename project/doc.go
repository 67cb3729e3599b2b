// Package project is dockslim's pipeline: what `dockslim init`, `check`,
// the init form and the golden suite do with a project directory, in one
// place and in one order.
//
//	Open     read the directory's .dockslim.yaml once (Record)
//	Resolve  detection (memoised per detect.Options) + the record + one
//	         Inputs value (flags, form answers or a golden case) + the
//	         pack's default flavour and variables → answers
//	Render   the pack renders the Dockerfile and .dockerignore; the record
//	         that describes them is added (.dockslim.yaml)
//	Plan     each file next to what is on disk
//	Write    atomic writes, and the one rule for when .dockslim.yaml is written
//
// Check is the same pipeline read backwards: the record's answers alone,
// rendered with the recorded pack, compared with the files on disk.
//
// The package knows nothing of flags or terminals: commands fill Inputs
// and print what comes back (docs/architecture.md).
package project
