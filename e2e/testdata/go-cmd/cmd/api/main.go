// Command api is the HTTP service of the go-cmd fixture (built with --main ./cmd/api).
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"

	"example.com/e2e/gocmd/internal/greet"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, greet.Message("api"))
	})
	log.Printf("listening on %s", port)
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
