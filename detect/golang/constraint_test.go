package golang

import "testing"

func TestGoFileNameOK(t *testing.T) {
	for name, want := range map[string]bool{
		"main.go":                true,
		"linux.go":               true, // nothing before "_": no constraint
		"windows.go":             true,
		"main_linux.go":          true,
		"main_windows.go":        false,
		"main_darwin_arm64.go":   false,
		"main_linux_amd64.go":    true,
		"main_linux_arm64.go":    false,
		"main_amd64.go":          true,
		"main_arm64.go":          false,
		"zz_generated.go":        true,
		"x_unix.go":              true, // unix is not a file-name tag
		"main_windows_test.go":   false,
		"main_linux.pb.go":       true, // only the part before the first dot counts
		"a_b_c_windows_amd64.go": false,
	} {
		if got := fileNameOK(name); got != want {
			t.Errorf("fileNameOK(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestGoTags(t *testing.T) {
	ok := tagsFor(22)
	for tag, want := range map[string]bool{
		"linux": true, "amd64": true, "unix": true, "gc": true, "cgo": true,
		"go1.1": true, "go1.22": true, "go1.23": false, "go1.022": false, "go1.": false,
		"ignore": false, "windows": false, "darwin": false, "arm64": false, "purego": false, "gccgo": false,
	} {
		if got := ok(tag); got != want {
			t.Errorf("tag %q = %v, want %v", tag, got, want)
		}
	}
}

func TestGoShouldBuild(t *testing.T) {
	tests := []struct {
		name, src string
		want      bool
		err       bool
	}{
		{"none", "package main\n", true, false},
		{"ignore", "//go:build ignore\n\npackage main\n", false, false},
		{"linux", "//go:build linux\n\npackage main\n", true, false},
		{"expr", "//go:build (linux || darwin) && !windows && go1.21\n\npackage main\n", true, false},
		{"future go", "//go:build go1.30\n\npackage main\n", false, false},
		{"not cgo", "//go:build !cgo\n\npackage main\n", false, false},
		{"after licence", "// Copyright 2024\n// Licensed MIT.\n\n//go:build windows\n\npackage main\n", false, false},
		{"go:build in doc comment still counts", "//go:build windows\n// Package main.\npackage main\n", false, false},
		{"go:build after code ignored", "package main\n//go:build windows\n", true, false},
		{"go:build inside block comment ignored", "/*\n//go:build windows\n*/\npackage main\n", true, false},
		{"plus build", "// +build ignore\n\npackage main\n", false, false},
		{"plus build several lines AND", "// +build linux darwin\n// +build !amd64\n\npackage main\n", false, false},
		{"plus build OR", "// +build windows linux\n\npackage main\n", true, false},
		{"plus build without blank line is a doc comment", "// +build ignore\npackage main\n", true, false},
		{"go:build beats plus build", "//go:build linux\n// +build ignore\n\npackage main\n", true, false},
		{"malformed", "//go:build linux &&\n\npackage main\n", false, true},
		{"two go:build lines", "//go:build linux\n//go:build amd64\n\npackage main\n", false, true},
		{"crlf", "//go:build ignore\r\n\r\npackage main\r\n", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := shouldBuild([]byte(tt.src), tagsFor(22))
			if got != tt.want || (err != nil) != tt.err {
				t.Errorf("got %v, %v; want %v, error %v", got, err, tt.want, tt.err)
			}
		})
	}
}
