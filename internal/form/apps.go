package form

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/dockslim/dockslim/detect"
)

// qApp is the question of which workspace app to containerise (--app).
const qApp = "app"

// appQuestion offers a workspace's deployable apps, in the order detect
// lists them; libraries and tooling are named in the help, never
// offered.
func appQuestion(tool string, apps []detect.App) question {
	q := question{Key: qApp, Kind: askSelect, Title: "Which app of the " + tool + " workspace?"}
	var libs []string
	for _, a := range apps {
		if !a.Deployable {
			libs = append(libs, a.Path)
			continue
		}
		label := a.Path
		if what := strings.TrimSpace(a.Language + " " + a.Framework); what != "" {
			label += " (" + what + ")"
		}
		q.Options = append(q.Options, option{Label: label, Value: a.Path})
	}
	if len(q.Options) > 0 {
		q.Default = q.Options[0].Value
	}
	if len(libs) > 0 {
		q.Help = "Not offered (libraries and tooling): " + strings.Join(libs, ", ")
	}
	return q
}

// AskApp asks which deployable app of a workspace init works on, for a
// run without --app or --all in a terminal. It returns the app's path
// from the workspace root.
func AskApp(ctx context.Context, style Style, in io.Reader, out io.Writer, tool string, apps []detect.App) (string, error) {
	s := New(ctx, Config{Style: style, In: in, Out: out})
	defer s.Close()
	q := appQuestion(tool, apps)
	if len(q.Options) == 0 {
		return "", fmt.Errorf("the workspace has no deployable app")
	}
	res, err := s.run(ctx, formSpec{Heading: "App", Intro: "This folder is the root of a " + tool + " workspace: one Dockerfile per app.", Qs: []question{q}})
	if err != nil {
		return "", err
	}
	s.recap("App", res, []question{q})
	return res.value(qApp), nil
}
