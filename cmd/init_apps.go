package cmd

import (
	"context"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/dockslim/dockslim/detect"
	"github.com/dockslim/dockslim/internal/form"
)

// initApps is `dockslim init` over a workspace's apps: the folders
// --app names, every deployable app with --all, or — at a workspace root
// that has no app of its own — the one the form asks for (without a
// form, exit 2 listing them). Each app is an init of its own folder, as
// `dockslim init apps/api` would be (docs/init.md, "Workspaces").
func initApps(ctx context.Context, opts *InitOptions) error {
	apps, err := opts.appsToInit(ctx)
	if err != nil {
		return err
	}
	if apps == nil {
		return initRun(ctx, opts)
	}
	var failed []string
	var worst error
	for _, app := range apps {
		o := *opts
		o.Dir = filepath.Join(opts.Dir, filepath.FromSlash(app))
		o.Apps, o.All = nil, false
		if len(apps) > 1 {
			fmt.Fprintf(opts.IO.ErrOut, "\n== %s\n", o.Dir)
		}
		if err := initRun(ctx, &o); err != nil {
			if errors.Is(err, context.Canceled) || len(apps) == 1 {
				return err
			}
			report(opts.IO.ErrOut, err)
			failed = append(failed, app)
			if worst == nil || exitCode(err) > exitCode(worst) {
				worst = err
			}
		}
	}
	if worst != nil {
		return &ExitError{Code: exitCode(worst), Err: fmt.Errorf("%d of %d apps failed: %s", len(failed), len(apps), strings.Join(failed, ", "))}
	}
	return nil
}

// appsToInit lists the app folders to init, from the workspace root
// opts.Dir; nil means opts.Dir itself.
func (o *InitOptions) appsToInit(ctx context.Context) ([]string, error) {
	if len(o.Apps) > 0 {
		var out []string
		for _, a := range o.Apps {
			clean := path.Clean(filepath.ToSlash(a))
			if a == "" || path.IsAbs(clean) || clean == "." || clean == ".." || strings.HasPrefix(clean, "../") {
				return nil, usageError{fmt.Errorf("--app %q is not a folder inside %s", a, o.Dir)}
			}
			out = append(out, clean)
		}
		return out, nil
	}
	f, err := detect.Detect(ctx, o.Dir, detect.Options{Language: o.Lang})
	var np *detect.NoProjectError
	switch {
	case errors.As(err, &np) && o.All:
		// Plain sub-folders, each a project of its own (backend/, frontend/).
		var out []string
		for _, a := range np.Apps {
			if a.Deployable {
				out = append(out, a.Path)
			}
		}
		if len(out) == 0 {
			return nil, err
		}
		return out, nil
	case err != nil:
		if o.All {
			return nil, err
		}
		return nil, nil // init reports it in its own words
	}
	var deployable []string
	for _, a := range f.Apps {
		if a.Deployable {
			deployable = append(deployable, a.Path)
		}
	}
	switch {
	case o.All && len(deployable) == 0:
		return nil, fmt.Errorf("%s has no deployable workspace app (detect lists its members)", o.Dir)
	case o.All:
		return deployable, nil
	case !f.Workspace || len(f.Start) > 0 || len(deployable) == 0:
		return nil, nil // the root is the app
	}
	if show, style := o.formMode(); show {
		app, err := form.AskApp(ctx, style, o.IO.In, o.IO.Out, f.WorkspaceTool, f.Apps)
		if err != nil {
			return nil, err
		}
		return []string{app}, nil
	}
	return nil, fmt.Errorf("%s is the root of a %s workspace; choose its app with --app (%s) or pass --all",
		o.Dir, f.WorkspaceTool, strings.Join(deployable, ", "))
}
