package pack

// Ref is how a project's .dockslim.yaml records the pack it was rendered
// with (absent for the embedded pack). Source never holds credentials;
// Commit is the full 40-hex commit of a git pack, and empty for a plain
// directory (which is not pinned).
type Ref struct {
	Source string `yaml:"source"`
	Ref    string `yaml:"ref,omitempty"`
	Commit string `yaml:"commit,omitempty"`
}
