// Command goroot is a dockslim e2e fixture: a root main HTTP service with
// one module dependency.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"

	"github.com/google/uuid"
)

// greeting is the body of GET /; the request id proves the dependency links.
func greeting(id uuid.UUID) string {
	return fmt.Sprintf("hello from go-root (request %s, version %d)\n", id, id.Version())
}

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, greeting(uuid.New()))
	})
	log.Printf("listening on %s", port)
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
