// Command goembed is a dockslim e2e fixture: a server that embeds files
// from bin/ and web/ (//go:embed). A .dockerignore that drops **/bin/ —
// Go build output, usually — would hide bin/ from the build, and go build
// would fail ("pattern bin/*: no matching files found"). It also writes
// a file in its working directory at start, as apps keeping a sqlite
// database or a ./var folder do: the runtime's WORKDIR must be its own.
package main

import (
	"embed"
	"fmt"
	"log"
	"net/http"
	"os"
)

//go:embed bin/*
var bin embed.FS

//go:embed web
var web embed.FS

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	banner, err := bin.ReadFile("bin/banner.txt")
	if err != nil {
		log.Fatal(err)
	}
	page, err := web.ReadFile("web/index.html")
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("started.txt", []byte("ok"), 0o644); err != nil {
		log.Fatalf("the working directory is not writable: %v", err)
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		state, _ := os.ReadFile("started.txt")
		fmt.Fprintf(w, "%s%s (wrote %s)", banner, page, state)
	})
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
