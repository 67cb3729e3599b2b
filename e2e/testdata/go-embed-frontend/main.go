// Command embedfrontend is a dockslim e2e fixture: a Go server that
// embeds ui/build, which the repository holds only as a placeholder
// (.gitkeep): ui/package.json's build script makes it. The generated
// Dockerfile must build the frontend in a Node stage and mount its output
// where //go:embed reads it, or the page served is missing.
package main

import (
	"log"
	"net/http"
	"os"

	"example.com/embedfrontend/ui"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	http.Handle("/", http.FileServerFS(ui.Build()))
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
