package audit

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// installRE is a RUN that installs dependencies from manifests.
var installRE = regexp.MustCompile(`\b(npm (ci|install|i)\b|yarn( install)?\s*($|&&|--)|pnpm (install|i)\b|bun install\b|pip3? install\b|poetry install\b|uv sync\b|pipenv install\b|go mod download\b|bundle install\b)`)

// wholeContext reports whether a COPY takes the whole build context.
func wholeContext(c *instructions.CopyCommand) bool {
	return c.From == "" && wholeSources(c.SourcePaths)
}

// wholeSources reports whether sources name the whole context.
func wholeSources(srcs []string) bool {
	for _, s := range srcs {
		if s == "." || s == "./" || s == "/" {
			return true
		}
	}
	return false
}

func cacheOrder(d *Dockerfile, _ *Context) []Finding {
	var out []Finding
	for _, s := range d.Stages {
		// An install after the source is fine when one before it took the
		// dependencies (the project itself: uv sync, pip install .).
		var copied instructions.Command
		installed := false
		for _, c := range s.Commands {
			switch c := c.(type) {
			case *instructions.CopyCommand:
				if wholeContext(c) && copied == nil {
					copied = c
				}
			case *instructions.AddCommand:
				if wholeSources(c.SourcePaths) && copied == nil {
					copied = c
				}
			case *instructions.RunCommand:
				if copied == nil && installRE.MatchString(runText(c)) {
					installed = true
				}
				if copied != nil && !installed && installRE.MatchString(runText(c)) && !strings.Contains(c.String(), "type=bind") {
					l, _ := lines(copied)
					f := at(c, "the install runs after COPY . ., so every source edit reinstalls every dependency",
						"copy (or bind-mount) the manifests and lockfile first, install, then COPY . .")
					f.Line = l
					out = append(out, f)
					copied = nil
				}
			}
		}
	}
	return out
}

// pipInstallRE is a pip install.
var pipInstallRE = regexp.MustCompile(`\bpip3?\s+install\b`)

func pipCache(d *Dockerfile, _ *Context) []Finding {
	var out []Finding
	for _, s := range d.Stages {
		for _, c := range s.Commands {
			if r, ok := c.(*instructions.RunCommand); ok && pipInstallRE.MatchString(runText(r)) &&
				!strings.Contains(runText(r), "--no-cache-dir") && !hasCacheMount(r) && !strings.Contains(strings.Join(envOf(s), " "), "PIP_NO_CACHE_DIR") {
				out = append(out, at(r, "pip install keeps its download cache in the layer", "add --no-cache-dir, or mount a cache on /root/.cache/pip"))
			}
		}
	}
	return out
}

// envOf lists a stage's ENV names.
func envOf(s Stage) []string {
	var out []string
	for _, c := range s.Commands {
		if e, ok := c.(*instructions.EnvCommand); ok {
			for _, kv := range e.Env {
				out = append(out, kv.Key)
			}
		}
	}
	return out
}

// npmInstallRE is an npm install or ci.
var npmInstallRE = regexp.MustCompile(`\bnpm\s+(ci|install|i)\b`)

func npmCache(d *Dockerfile, _ *Context) []Finding {
	var out []Finding
	for _, s := range d.Stages {
		for _, c := range s.Commands {
			if r, ok := c.(*instructions.RunCommand); ok && npmInstallRE.MatchString(runText(r)) && !hasCacheMount(r) && !strings.Contains(runText(r), "npm cache clean") {
				out = append(out, at(r, "npm installs without a cache mount: its cache is downloaded on every build and stays in the layer",
					"RUN --mount=type=cache,target=/root/.npm npm ci …"))
			}
		}
	}
	return out
}

// prodFlagRE is an install that leaves dev dependencies out.
var prodFlagRE = regexp.MustCompile(`(--omit[= ]dev|--only[= ]prod|--production|--prod\b|NODE_ENV=production)`)

func devDependencies(d *Dockerfile, ctx *Context) []Finding {
	s := d.Final()
	prodEnv := false
	for _, c := range s.Commands {
		if e, ok := c.(*instructions.EnvCommand); ok {
			for _, kv := range e.Env {
				prodEnv = prodEnv || kv.Key == "NODE_ENV" && kv.Value == "production"
			}
		}
		if r, ok := c.(*instructions.RunCommand); ok && npmInstallRE.MatchString(runText(r)) && !prodEnv && !prodFlagRE.MatchString(runText(r)) {
			f := at(r, "the final stage installs every dependency, dev ones included (compilers, test runners, type definitions)",
				"install with npm ci --omit=dev in the final stage, and build in a stage of its own")
			if mb, n, ok := ctx.devDependenciesMB(); ok && mb > 0 {
				f.Saving = &Saving{LowMB: mb, HighMB: mb, From: fmt.Sprintf("the context's node_modules: %d devDependencies, their own dependencies not counted", n)}
			}
			return []Finding{f}
		}
	}
	return nil
}

// toolchainRE names compiler packages in an install.
var toolchainRE = regexp.MustCompile(`\b(build-essential|gcc|g\+\+|make|clang|cmake|python3-dev|libc6-dev|musl-dev|build-base)\b`)

func toolchainInRuntime(d *Dockerfile, _ *Context) []Finding {
	if len(d.Stages) < 2 {
		return nil // single-stage says it already
	}
	var out []Finding
	for _, c := range d.Final().Commands {
		if r, ok := c.(*instructions.RunCommand); ok && (aptInstallRE.MatchString(runText(r)) || strings.Contains(runText(r), "apk add")) {
			if m := toolchainRE.FindString(runText(r)); m != "" {
				out = append(out, at(r, "the final stage installs "+m+", which only a build needs", "compile in the build stage and copy the result; install only runtime libraries here"))
			}
		}
	}
	return out
}

// chownRE is a recursive chown.
var chownRE = regexp.MustCompile(`\bchown\s+(-\S*R\S*|--recursive)\b`)

func chownLayer(d *Dockerfile, _ *Context) []Finding {
	var out []Finding
	for _, s := range d.Stages {
		for _, c := range s.Commands {
			if r, ok := c.(*instructions.RunCommand); ok && chownRE.MatchString(runText(r)) {
				out = append(out, at(r, "chown -R rewrites every file it touches into a new layer, so they are stored twice",
					"set the owner as the files arrive: COPY --chown=1000:1000"))
			}
		}
	}
	return out
}

func copyWholeStage(d *Dockerfile, _ *Context) []Finding {
	if len(d.Stages) < 2 {
		return nil
	}
	var out []Finding
	final := d.Final()
	for _, c := range final.Commands {
		cp, ok := c.(*instructions.CopyCommand)
		if !ok || cp.From == "" {
			continue
		}
		src := d.Stage(cp.From)
		if src == nil {
			continue // an image: its files are that image's business
		}
		workdir := workdirOf(*src)
		for _, p := range cp.SourcePaths {
			if clean := path.Clean("/" + p); clean == "/" || clean == workdir && workdir != "/" && hasInstall(*src) {
				out = append(out, at(cp, "the final stage copies "+p+" of stage "+cp.From+" whole: its sources, caches and dev dependencies too",
					"copy only what the app runs: the build output (dist/), production node_modules, the binary"))
			}
		}
	}
	return out
}

// workdirOf is a stage's last WORKDIR ("/" when none).
func workdirOf(s Stage) string {
	w := "/"
	for _, c := range s.Commands {
		if wd, ok := c.(*instructions.WorkdirCommand); ok {
			w = path.Clean(path.Join(w, wd.Path))
		}
	}
	return w
}

// jsInstallRE is an install that writes node_modules into the working
// directory (a Python or Go install writes elsewhere: /venv, the module
// cache).
var jsInstallRE = regexp.MustCompile(`\b(npm (ci|install|i)\b|yarn( install)?\s*($|&&|--)|pnpm (install|i)\b|bun install\b)`)

// pruneRE removes dev dependencies after a build.
var pruneRE = regexp.MustCompile(`\b(npm prune\b.*(--production|--omit[= ]dev)|pnpm prune --prod|yarn (install|workspaces focus)\b.*--production)`)

// hasInstall reports whether a stage's own steps install node_modules
// into its working directory (and do not prune them to production
// afterwards: then the stage's tree is what ships, on purpose).
func hasInstall(s Stage) bool {
	installed := false
	for _, c := range s.Commands {
		if r, ok := c.(*instructions.RunCommand); ok {
			switch {
			case pruneRE.MatchString(runText(r)):
				installed = false
			case jsInstallRE.MatchString(runText(r)):
				installed = true
			}
		}
	}
	return installed
}

func missingDockerignore(d *Dockerfile, ctx *Context) []Finding {
	if ctx == nil {
		return nil
	}
	names, mb := ctx.leaked()
	copies := copiesContext(d)
	then := ""
	if copies {
		then = ", and COPY . . puts them in the image"
	}
	var f Finding
	switch {
	case !ctx.HasIgnore:
		f = Finding{Message: "the build context has no .dockerignore: .git, node_modules and local files reach the builder" + then,
			Fix: "add a .dockerignore (dockslim init writes one)"}
	case len(names) > 0:
		f = Finding{Message: "the .dockerignore lets " + strings.Join(names, " and ") + " into the build context" + then,
			Fix: "add " + strings.Join(names, "/ and ") + "/ to the .dockerignore"}
	default:
		return nil
	}
	if mb > 0 && copies {
		f.Saving = &Saving{LowMB: mb, HighMB: mb, From: "the size of " + strings.Join(names, " and ") + " in the context"}
	}
	return []Finding{f}
}

// copiesContext reports whether some stage copies the whole context.
func copiesContext(d *Dockerfile) bool {
	for _, s := range d.Stages {
		for _, c := range s.Commands {
			if cp, ok := c.(*instructions.CopyCommand); ok && wholeContext(cp) {
				return true
			}
			if a, ok := c.(*instructions.AddCommand); ok && wholeSources(a.SourcePaths) {
				return true
			}
		}
	}
	return false
}

func ignoredCopy(d *Dockerfile, ctx *Context) []Finding {
	if ctx == nil || ctx.Ignore == nil {
		return nil
	}
	var out []Finding
	for _, s := range d.Stages {
		for _, c := range s.Commands {
			cp, ok := c.(*instructions.CopyCommand)
			if !ok || cp.From != "" {
				continue
			}
			for _, src := range cp.SourcePaths {
				p := strings.TrimPrefix(strings.TrimPrefix(path.Clean(src), "./"), "/")
				if p == "" || p == "." || strings.ContainsAny(p, "*?[$") {
					continue
				}
				if ignored, err := ctx.Ignore.MatchesOrParentMatches(p); err == nil && ignored {
					out = append(out, at(cp, "COPY "+src+" names what the .dockerignore leaves out of the context: the build fails with \"not found\"",
						"remove the pattern from the .dockerignore (or add a !"+p+" line), or copy something else"))
				}
			}
		}
	}
	return out
}

// cgoOffRE turns cgo off for a go build.
var cgoOffRE = regexp.MustCompile(`CGO_ENABLED=0`)

// goBuildRE is a go build (or install).
var goBuildRE = regexp.MustCompile(`\bgo (build|install)\b`)

func cgoOnScratch(d *Dockerfile, _ *Context) []Finding {
	final := d.Final()
	if img := d.Image(final); img != "scratch" && !strings.Contains(img, "distroless/static") {
		return nil
	}
	for _, c := range final.Commands {
		cp, ok := c.(*instructions.CopyCommand)
		if !ok || cp.From == "" {
			continue
		}
		src := d.Stage(cp.From)
		if src == nil {
			continue
		}
		for _, sc := range stageChain(d, src) {
			off := false
			for _, c := range sc.Commands {
				if e, ok := c.(*instructions.EnvCommand); ok {
					for _, kv := range e.Env {
						off = off || kv.Key == "CGO_ENABLED" && kv.Value == "0"
					}
				}
				if a, ok := c.(*instructions.ArgCommand); ok {
					for _, kv := range a.Args {
						off = off || kv.Key == "CGO_ENABLED" && kv.Value != nil && *kv.Value == "0"
					}
				}
				r, ok := c.(*instructions.RunCommand)
				if !ok || !goBuildRE.MatchString(runText(r)) || off || cgoOffRE.MatchString(runText(r)) {
					continue
				}
				if strings.Contains(sc.Base, "alpine") && !strings.Contains(runText(r), "gcc") {
					continue // golang:alpine has no C compiler: cgo is off by default
				}
				return []Finding{at(r, "go build runs with cgo on (the golang image has gcc), so a binary that uses net or os/user links the C library, which "+d.Image(final)+" does not have",
					"build with CGO_ENABLED=0, or run on a base with a C library (distroless/base, debian slim)")}
			}
		}
	}
	return nil
}

// stageChain is a stage and the stages it builds on, the oldest first.
func stageChain(d *Dockerfile, s *Stage) []Stage {
	var chain []Stage
	for cur := s; cur != nil; {
		chain = append([]Stage{*cur}, chain...)
		p := d.Stage(cur.Base)
		if p == nil || p.Index >= cur.Index {
			break
		}
		cur = p
	}
	return chain
}

func libcMismatch(d *Dockerfile, _ *Context) []Finding {
	final := d.Final()
	runAlpine := strings.Contains(d.Image(final), "alpine")
	for _, c := range final.Commands {
		cp, ok := c.(*instructions.CopyCommand)
		if !ok || cp.From == "" {
			continue
		}
		src := d.Stage(cp.From)
		if src == nil || !hasInstall(*src) {
			continue
		}
		buildAlpine := strings.Contains(d.Image(src), "alpine")
		if buildAlpine == runAlpine {
			continue
		}
		for _, p := range cp.SourcePaths {
			if strings.Contains(p, "node_modules") {
				libc, other := "glibc", "musl (alpine)"
				if buildAlpine {
					libc, other = "musl (alpine)", "glibc"
				}
				return []Finding{at(cp, "node_modules installed on "+libc+" run on "+other+": native addons built for one C library fail to load on the other",
					"install in a stage on the same distro as the final stage")}
			}
		}
	}
	return nil
}
