package audit

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/dockslim/dockslim/detect"
)

// The checks of Rules, one function each. A check returns findings with
// Line, EndLine, Message and Fix; Run fills in the rule's id, category
// and severity.

func at(c instructions.Command, msg, fix string) Finding {
	l, e := lines(c)
	return Finding{Line: l, EndLine: e, Message: msg, Fix: fix}
}

func singleStage(d *Dockerfile, _ *Context) []Finding {
	if len(d.Stages) > 1 {
		return nil
	}
	s := d.Final()
	return []Finding{{Line: s.Line, EndLine: s.Line, Message: "the image is built in one stage, so whatever the build installs ships in it",
		Fix: "build in a stage of its own and COPY --from=build only what the app runs into a final stage on a small base"}}
}

// fullImages are official images whose untagged-variant tags are the full
// build images, with the variant to use instead.
var fullImages = map[string]string{
	"node": "%s-slim (or -alpine, or gcr.io/distroless/nodejs)", "python": "%s-slim",
	"golang": "a scratch or distroless final stage that copies the binary (golang is the compiler)", "ruby": "%s-slim",
	"openjdk": "eclipse-temurin with a -jre tag", "debian": "%s-slim", "ubuntu": "a slim or distroless base",
}

// smallerBase is the variant a savings estimate compares a full image
// with: the -slim tag, or for golang a static distroless final stage.
func smallerBase(name, tag string) string {
	switch name {
	case "golang":
		return "gcr.io/distroless/static-debian12"
	case "ubuntu", "openjdk":
		return ""
	}
	if tag == "" || tag == "latest" {
		return name + ":slim"
	}
	return name + ":" + tag + "-slim"
}

// slimTagRE is a tag that is already a small variant.
var slimTagRE = regexp.MustCompile(`(?i)(slim|alpine|distroless|minimal|jre|busybox|scratch)`)

func fatBase(d *Dockerfile, _ *Context) []Finding {
	img := d.Image(d.Final())
	name, tag := splitImage(img)
	instead, ok := fullImages[name]
	if !ok || slimTagRE.MatchString(tag) || strings.Contains(img, "$") {
		return nil
	}
	s := d.Final()
	ref := name
	if tag != "" {
		ref += ":" + tag
	}
	if strings.Contains(instead, "%s") {
		instead = fmt.Sprintf(instead, ref)
	}
	f := Finding{Line: s.Line, EndLine: s.Line, Message: fmt.Sprintf("the final stage runs on %s, the full image with compilers and build headers", img),
		Fix: "use " + instead}
	if to := smallerBase(name, tag); to != "" {
		f.Saving = baseSaving(ref, to)
	}
	return []Finding{f}
}

// splitImage is an image reference's repository name (without registry
// and library/) and tag.
func splitImage(ref string) (name, tag string) {
	ref, _, _ = strings.Cut(ref, "@")
	if i := strings.LastIndex(ref, ":"); i > strings.LastIndex(ref, "/") {
		ref, tag = ref[:i], ref[i+1:]
	}
	ref = strings.TrimPrefix(strings.TrimPrefix(ref, "docker.io/"), "library/")
	return ref, tag
}

func rootUser(d *Dockerfile, _ *Context) []Finding {
	s := d.Final()
	if d.Image(s) == "scratch" {
		return nil // nothing but the binary: no user database to run as
	}
	var last *instructions.UserCommand
	for _, c := range s.Commands {
		if u, ok := c.(*instructions.UserCommand); ok {
			last = u
		}
	}
	switch {
	case last == nil:
		if strings.Contains(d.Image(s), "distroless") && strings.Contains(d.Image(s), "nonroot") {
			return nil // the image's own user is nonroot
		}
		return []Finding{{Line: s.Line, EndLine: s.Line, Message: "the final stage sets no USER, so the app runs as root",
			Fix: "add a numeric non-root user to the final stage (USER 1000:1000, or 65532:65532 on distroless)"}}
	case last.User == "root" || last.User == "0" || strings.HasPrefix(last.User, "0:") || strings.HasPrefix(last.User, "root:"):
		return []Finding{at(last, "the final stage's USER is root", "switch to a numeric non-root user after the steps that need root")}
	}
	return nil
}

func unpinnedBase(d *Dockerfile, _ *Context) []Finding {
	var out []Finding
	for _, s := range d.Stages {
		if d.Stage(s.Base) != nil && d.Stage(s.Base).Index < s.Index || s.Base == "scratch" || strings.Contains(s.Base, "$") {
			continue
		}
		_, tag := splitImage(s.Base)
		if strings.Contains(s.Base, "@sha256:") || tag != "" && tag != "latest" {
			continue
		}
		out = append(out, Finding{Line: s.Line, EndLine: s.Line, Message: fmt.Sprintf("FROM %s has no version tag, so every build may get a different image", s.Base),
			Fix: "pin a version tag (node:22-slim), or a digest for reproducible builds"})
	}
	return out
}

func secretInEnv(d *Dockerfile, _ *Context) []Finding {
	var out []Finding
	for _, s := range d.Stages {
		for _, c := range s.Commands {
			switch c := c.(type) {
			case *instructions.EnvCommand:
				for _, kv := range c.Env {
					if detect.SecretName(kv.Key) && kv.Value != "" {
						out = append(out, at(c, fmt.Sprintf("ENV %s puts a secret's value into the image's history", kv.Key),
							"pass it at run time (docker run -e, a secrets manager), or to the build as a secret mount (RUN --mount=type=secret)"))
					}
				}
			case *instructions.ArgCommand:
				for _, a := range c.Args {
					if detect.SecretName(a.Key) {
						out = append(out, at(c, fmt.Sprintf("ARG %s carries a secret through the build, where docker history shows it", a.Key),
							"use RUN --mount=type=secret,id=… and docker build --secret"))
					}
				}
			}
		}
	}
	return out
}

func shellForm(d *Dockerfile, _ *Context) []Finding {
	var out []Finding
	for _, c := range d.Final().Commands {
		switch c := c.(type) {
		case *instructions.CmdCommand:
			if c.PrependShell {
				out = append(out, at(c, "CMD in shell form runs under /bin/sh, which does not pass SIGTERM to the app", `write it in exec form: CMD ["node","server.js"]`))
			}
		case *instructions.EntrypointCommand:
			if c.PrependShell {
				out = append(out, at(c, "ENTRYPOINT in shell form runs under /bin/sh, which does not pass SIGTERM to the app", `write it in exec form: ENTRYPOINT ["/app"]`))
			}
		}
	}
	return out
}

// aptInstallRE is an apt-get (or apt) install.
var aptInstallRE = regexp.MustCompile(`\bapt(-get)?\s+(-\S+\s+)*install\b`)

func aptHygiene(d *Dockerfile, _ *Context) []Finding {
	var out []Finding
	for _, s := range d.Stages {
		for _, c := range s.Commands {
			r, ok := c.(*instructions.RunCommand)
			if !ok || !aptInstallRE.MatchString(runText(r)) {
				continue
			}
			text := runText(r)
			switch {
			case !strings.Contains(text, "--no-install-recommends"):
				out = append(out, at(r, "apt-get install without --no-install-recommends also installs the packages the ones asked for merely recommend",
					"add --no-install-recommends"))
			case !hasCacheMount(r) && !strings.Contains(text, "/var/lib/apt/lists"):
				out = append(out, at(r, "apt-get install leaves the package lists in the layer",
					"end the RUN with rm -rf /var/lib/apt/lists/*, or mount caches on /var/cache/apt and /var/lib/apt"))
			}
		}
	}
	return out
}

// remoteRE is an ADD source that is a URL or a git repository.
var remoteRE = regexp.MustCompile(`^(https?://|git@|[a-z]+://)`)

// archiveRE is an ADD source ADD unpacks.
var archiveRE = regexp.MustCompile(`\.(tar|tar\.gz|tgz|tar\.bz2|tar\.xz|txz)$`)

func addInsteadOfCopy(d *Dockerfile, _ *Context) []Finding {
	var out []Finding
	for _, s := range d.Stages {
		for _, c := range s.Commands {
			a, ok := c.(*instructions.AddCommand)
			if !ok {
				continue
			}
			local := true
			for _, src := range a.SourcePaths {
				if remoteRE.MatchString(src) || archiveRE.MatchString(src) {
					local = false
				}
			}
			if local {
				out = append(out, at(a, "ADD copies local files here, which COPY does with fewer surprises", "use COPY"))
			}
		}
	}
	return out
}

// npmStartRE is a command that starts the app through npm, yarn or pnpm.
var npmStartRE = regexp.MustCompile(`^(npm|yarn|pnpm)\s+(run\s+)?(start|serve|prod)\b`)

func npmStart(d *Dockerfile, _ *Context) []Finding {
	var out []Finding
	for _, c := range d.Final().Commands {
		var line []string
		switch c := c.(type) {
		case *instructions.CmdCommand:
			line = c.CmdLine
		case *instructions.EntrypointCommand:
			line = c.CmdLine
		default:
			continue
		}
		if npmStartRE.MatchString(strings.Join(line, " ")) {
			out = append(out, at(c, "the container starts the app through "+line[0]+", which does not forward SIGTERM and keeps a process of its own",
				`run what the start script runs, in exec form: CMD ["node","dist/server.js"]`))
		}
	}
	return out
}

// baseNameLabel is the OCI label naming the final stage's base image.
const baseNameLabel = "org.opencontainers.image.base.name"

func provenance(d *Dockerfile, _ *Context) []Finding {
	s := d.Final()
	if d.Image(s) == "scratch" {
		return nil
	}
	for _, c := range s.Commands {
		if l, ok := c.(*instructions.LabelCommand); ok {
			for _, kv := range l.Labels {
				if kv.Key == baseNameLabel {
					return nil
				}
			}
		}
	}
	return []Finding{{Line: s.Line, EndLine: s.Line, Message: "the final stage does not say which image it is built on (no " + baseNameLabel + " label)",
		Fix: "add LABEL " + baseNameLabel + "=\"" + d.Image(s) + "\""}}
}
