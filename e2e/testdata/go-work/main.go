// Command gowork is a dockslim e2e fixture: a service in a go.work
// workspace whose greeting comes from a second module of the workspace,
// plus one module from the proxy. Building it needs go.work, go.work.sum
// and both modules' go.mod in the download step.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"

	"example.com/e2e/greet"
	"github.com/google/uuid"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "%s (request %s)\n", greet.Hello("go-work"), uuid.New())
	})
	log.Printf("listening on %s", port)
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
