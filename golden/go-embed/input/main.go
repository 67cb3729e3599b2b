// Command goembed is a dockslim e2e fixture: a server that embeds files
// from bin/ and web/ (//go:embed). A .dockerignore that drops **/bin/ —
// Go build output, usually — would hide bin/ from the build, and go build
// would fail ("pattern bin/*: no matching files found").
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
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "%s%s", banner, page)
	})
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
