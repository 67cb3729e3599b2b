package pack

// Block is a named override point the embedded templates declare: a pack
// redefines it with {{define "NAME"}}…{{end}} in one of its own
// _partials/*.tmpl files. Every block receives the whole view (.Answers,
// .Vars, .IsAlpine, .IsScratch…); its output is printed trimmed of
// leading and trailing blank lines, on lines of its own.
type Block struct {
	Name string
	// Where the block's output lands.
	Where string
	// For is a typical use.
	For string
}

// Blocks are the override points, in the order they appear in a
// Dockerfile. docs/packs.md documents the same list.
var Blocks = []Block{
	{"header", "the first lines of the Dockerfile (a comment)", "who owns the image, where to get help"},
	{"build-env", "ENV lines of the stage that installs dependencies (Go: deps, Node: base, Python: build); the build and test stages inherit them, the final stage does not", "package mirrors: GOPROXY, npm_config_registry, PIP_INDEX_URL"},
	{"runtime-env", "ENV lines of the final stage, after the application is copied in", "TZ, a company-wide runtime setting"},
	{"labels-extra", "LABEL lines of the final stage, after the OCI labels", "a team or cost-centre label"},
	{"runtime-extra", "the end of the final stage, after CMD/ENTRYPOINT", "HEALTHCHECK, STOPSIGNAL"},
	{"dockerignore-extra", "the end of the .dockerignore", "organisation-wide patterns"},
}

// IsBlock reports whether name is an override point.
func IsBlock(name string) bool {
	for _, b := range Blocks {
		if b.Name == name {
			return true
		}
	}
	return false
}

func blockNames() []string {
	out := make([]string, len(Blocks))
	for i, b := range Blocks {
		out[i] = b.Name
	}
	return out
}
