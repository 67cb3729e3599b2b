// Command gocgo is a dockslim e2e fixture: SQLite through cgo
// (github.com/mattn/go-sqlite3), so the runtime needs glibc.
package main

import (
	"database/sql"
	"fmt"
	"log"
	"net/http"
	"os"

	_ "github.com/mattn/go-sqlite3"
)

// answer multiplies in SQLite, through the C library linked by cgo.
func answer() (int, string, error) {
	db, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		return 0, "", err
	}
	defer db.Close()
	var n int
	var v string
	err = db.QueryRow("SELECT 6 * 7, sqlite_version()").Scan(&n, &v)
	return n, v, err
}

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		n, v, err := answer()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		fmt.Fprintf(w, "hello from go-cgo: sqlite %s says %d\n", v, n)
	})
	log.Printf("listening on %s", port)
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
