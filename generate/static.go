package generate

import (
	"errors"
	"fmt"

	"github.com/dockslim/dockslim/detect/node"
)

// ServeStatic makes a Node project a static site that nginx serves from
// dir, the folder its build writes (`init --static DIR`): for a build
// tool dockslim does not recognise, or to correct the folder it found.
// The build step must exist; the start command and port become nginx's.
func ServeStatic(a *Answers, dir string) error {
	if a.Language != node.Name {
		return fmt.Errorf("serves the folder a Node build writes; this is a %s project", a.Language)
	}
	if err := checkRelPath(dir); err != nil || dir == "." {
		return fmt.Errorf("%q is not a folder inside the project, such as dist", dir)
	}
	if a.BuildCommand == "" {
		return errors.New("needs a build step that writes the folder; pass --build as well")
	}
	na := a.Node
	if na == nil {
		na = &NodeAnswers{}
		a.Node = na
	}
	na.StaticDir, na.OutputDirs = dir, []string{dir}
	na.NextStandalone, na.RunsSource = false, false
	if !node.IsStaticFramework(a.Framework) {
		a.Framework = node.StaticSite
	}
	a.Start = node.StaticStart()
	a.Port = node.StaticPort
	return nil
}

// CheckStaticPort refuses a port other than the one nginx serves a static
// site on: the image would expose one port and listen on another.
func CheckStaticPort(a *Answers, port int) error {
	if a.Node == nil || a.Node.StaticDir == "" || port == node.StaticPort {
		return nil
	}
	return fmt.Errorf("a static site is served by nginx on %d; %d would be exposed but never answer", node.StaticPort, port)
}
