package node

import (
	"regexp"
	"slices"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/core"
	"github.com/dockslim/dockslim/detect/internal/repo"
)

// Prisma's config file (prisma.config.ts, the only place Prisma 7 reads
// the datasource URL from) calls env("DATABASE_URL"), which throws when
// the variable is unset — also during `prisma generate`, which never
// connects. The build stage has no database, so the generate command
// gets a placeholder of the schema provider's URL shape for each name
// the config reads (umami: PrismaConfigEnvError without it).

// prismaConfigs are the names Prisma looks for its config under.
var prismaConfigs = []string{"prisma.config.ts", "prisma.config.mts", "prisma.config.cts", "prisma.config.js", "prisma.config.mjs", "prisma.config.cjs"}

// prismaEnvRE is an env("NAME") call of the config.
var prismaEnvRE = regexp.MustCompile(`\benv\(\s*["']([A-Z_][A-Z0-9_]{0,63})["']`)

// prismaProviderRE is the datasource's provider in a schema.
var prismaProviderRE = regexp.MustCompile(`(?m)^\s*provider\s*=\s*"(postgresql|postgres|cockroachdb|mysql|sqlserver|sqlite|mongodb)"`)

// placeholderURLs are well-formed URLs no build ever reaches.
var placeholderURLs = map[string]string{
	"postgresql":  "postgresql://build:build@localhost:5432/build",
	"postgres":    "postgresql://build:build@localhost:5432/build",
	"cockroachdb": "postgresql://build:build@localhost:26257/build",
	"mysql":       "mysql://build:build@localhost:3306/build",
	"sqlserver":   "sqlserver://localhost:1433",
	"sqlite":      "file:./build.db",
	"mongodb":     "mongodb://localhost:27017/build",
}

// prismaGenerateEnv lists NAME=placeholder for each variable the Prisma
// config reads, in the order it reads them; none without a config.
func (n *project) prismaGenerateEnv() []string {
	var names []string
	for _, c := range prismaConfigs {
		data, err := n.r.Head(c, repo.MaxSource)
		if err != nil {
			continue
		}
		for _, m := range prismaEnvRE.FindAllSubmatch(data, 16) {
			if name := string(m[1]); !slices.Contains(names, name) && !core.SecretName(name) {
				names = append(names, name)
			}
		}
		break
	}
	if len(names) == 0 {
		return nil
	}
	url := placeholderURLs["postgresql"]
	if data, err := n.r.Head(n.schemaFile(), repo.MaxSource); err == nil {
		if m := prismaProviderRE.FindSubmatch(data); m != nil {
			url = placeholderURLs[string(m[1])]
		}
	}
	out := make([]string, len(names))
	for i, name := range names {
		out[i] = name + "=" + url
	}
	return out
}

// schemaFile is the schema file to read the provider from: PrismaSchema,
// or its schema.prisma when it is a folder of .prisma files.
func (n *project) schemaFile() string {
	s := n.d.PrismaSchema
	if n.r.HasDir(s) {
		return s + "/schema.prisma"
	}
	return s
}

// envNames are the names of NAME=value settings.
func envNames(env []string) []string {
	out := make([]string, len(env))
	for i, e := range env {
		out[i], _, _ = strings.Cut(e, "=")
	}
	return out
}
