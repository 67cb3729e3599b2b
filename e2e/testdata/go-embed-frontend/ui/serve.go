// Package ui holds the frontend, built by package.json's build script
// into build/.
package ui

import (
	"embed"
	"io/fs"
)

//go:embed build/*
var build embed.FS

// Build is the built frontend, rooted at its index.html.
func Build() fs.FS {
	sub, err := fs.Sub(build, "build")
	if err != nil {
		panic(err)
	}
	return sub
}
