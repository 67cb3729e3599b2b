// Command api serves a greeting over HTTP.
package main

import (
	"log"
	"net/http"

	"github.com/acme/go-api/internal/greet"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(greet.Hello(r.URL.Query().Get("name")) + "\n"))
	})
	log.Fatal(http.ListenAndServe(":8081", nil))
}
