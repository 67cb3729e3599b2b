// Command govendor is a dockslim e2e fixture: its dependency is vendored
// (vendor/modules.txt), so the build downloads nothing.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"

	"github.com/google/uuid"
)

// namespaced is a name-based (version 5) UUID: the same input always gives
// the same id, so the probe can expect it.
func namespaced(name string) string {
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte(name)).String()
}

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "hello from go-vendor %s\n", namespaced("https://github.com/dockslim/dockslim"))
	})
	log.Printf("listening on %s", port)
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
