package audit

// Rule is one of dockslim's checks: a stable id, its category and
// severity, and what docs/audit.md says of it.
type Rule struct {
	ID       string
	Category string
	Severity Severity
	// Title names the rule; Help says why it matters and how to fix it.
	Title, Help string
	check       func(*Dockerfile, *Context) []Finding
}

// Rules are dockslim's rules, in id order. Ids are never reused.
func Rules() []Rule {
	return []Rule{
		{"DS001", "single-stage", Warning, "Single-stage build",
			"A single stage ships the compilers, dev dependencies and sources the build needed; a final stage that copies only the artefact keeps them out.", singleStage},
		{"DS002", "fat-base", Warning, "Full base image in the final stage",
			"The full node, python and golang images carry compilers and build headers the app never runs; their -slim (or alpine, distroless) variants are a fraction of the size.", fatBase},
		{"DS003", "root-user", Error, "The image runs as root",
			"A process that runs as root in the container is root on anything it can reach; a numeric non-root USER in the final stage limits what a compromise can do.", rootUser},
		{"DS004", "unpinned-base", Warning, "Unpinned base image",
			"FROM without a tag (or :latest) builds on whatever the registry has today: a rebuild can change the runtime under the app.", unpinnedBase},
		{"DS005", "secret-in-env", Error, "A secret in ENV or ARG",
			"ENV and ARG values stay in the image's history, readable by anyone who pulls it; a build needs a secret through a secret mount, and the app gets one at run time.", secretInEnv},
		{"DS006", "shell-form", Warning, "Shell-form CMD or ENTRYPOINT",
			"A shell-form command runs under /bin/sh, which does not forward SIGTERM: the app is killed after the stop timeout instead of shutting down.", shellForm},
		{"DS007", "apt-hygiene", Warning, "apt-get install keeps lists or recommends",
			"apt-get install without --no-install-recommends pulls in packages nobody asked for, and the package lists it leaves in the layer are dead weight unless a cache mount or rm -rf /var/lib/apt/lists takes them.", aptHygiene},
		{"DS008", "add-instead-of-copy", Info, "ADD for local files",
			"ADD also fetches URLs and unpacks archives; COPY says what it does and does only that.", addInsteadOfCopy},
		{"DS009", "npm-start", Warning, "npm start as the container's command",
			"npm does not forward SIGTERM to the app it starts, and it adds a process and its memory; run node (or the start script's command) directly.", npmStart},
		{"DS010", "cache-order", Warning, "The source is copied before the dependencies are installed",
			"Copying the whole source before the install makes every source edit reinstall every dependency; copy (or bind-mount) the manifests first, install, then copy the source.", cacheOrder},
		{"DS011", "pip-cache", Info, "pip keeps its download cache in the layer",
			"pip install without --no-cache-dir or a cache mount leaves its wheel cache in the image.", pipCache},
		{"DS012", "npm-cache", Info, "npm install without a cache mount",
			"npm's cache lands in the layer (or is downloaded again on every build); a cache mount on /root/.npm keeps it out and reuses it.", npmCache},
		{"DS013", "dev-dependencies", Warning, "Dev dependencies in the final stage",
			"npm install or npm ci without --omit=dev in the final stage installs the test and build tools too.", devDependencies},
		{"DS014", "toolchain-in-runtime", Warning, "A compiler toolchain in the final stage",
			"build-essential, gcc or make in the final stage are only needed to build; compile in a build stage and copy the result.", toolchainInRuntime},
		{"DS015", "chown-layer", Warning, "chown -R in a layer of its own",
			"RUN chown -R after a COPY writes every file a second time into a new layer, doubling its size; COPY --chown sets the owner in the same layer.", chownLayer},
		{"DS016", "copy-whole-stage", Info, "The final stage copies a whole build stage",
			"COPY --from=<build stage> / (or the stage's whole working directory) brings the sources, caches and dev dependencies along; copy the artefacts.", copyWholeStage},
		{"DS017", "missing-dockerignore", Warning, "No .dockerignore, or one that lets .git or node_modules through",
			"Without an effective .dockerignore the build context carries .git, node_modules and local secrets to the builder, and COPY . . puts them in the image.", missingDockerignore},
		{"DS018", "ignored-copy", Error, "COPY of what the .dockerignore leaves out",
			"A COPY source the .dockerignore excludes is not in the build context: the build fails with \"not found\", or copies less than it seems to.", ignoredCopy},
		{"DS019", "cgo-on-scratch", Warning, "cgo left on for a binary on scratch",
			"go build in the golang image has cgo on unless CGO_ENABLED=0, and a program that uses net or os/user then links the C library, which scratch and distroless/static do not have: it does not start.", cgoOnScratch},
		{"DS020", "libc-mismatch", Error, "node_modules built on another C library",
			"Native addons compiled against glibc do not load on alpine's musl, and the other way round: the install and the final stage must share a distro.", libcMismatch},
		{"DS021", "provenance", Info, "No base-image provenance label",
			"org.opencontainers.image.base.name names the image the final stage is built on, which scanners' base-image policies and rebuild tools read; dockslim writes it.", provenance},
	}
}
