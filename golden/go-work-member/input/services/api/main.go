// Command api is the server of the go-work-member fixture: it imports
// example.com/libs/greet, which only the go.work workspace provides (its
// go.mod does not require it), so it builds from the workspace root.
package main

import (
	"fmt"
	"net/http"
	"os"

	"github.com/google/uuid"

	"example.com/libs/greet"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"hello":%q,"from":"go-work-member","request":%q}`, greet.Hello("e2e"), uuid.NewString())
	})
	if err := http.ListenAndServe(":"+port, nil); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
