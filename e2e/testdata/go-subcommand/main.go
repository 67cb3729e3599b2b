// go-subcommand is one binary of several commands, as many Go services
// are: run bare it prints its usage and exits 2. The generated image must
// run `serve` (found in the switch over the arguments), and serve writes
// a file in its working directory and in HOME's config folder, which the
// image's non-root user must own. Its answer is read at run time from
// templates/greeting.txt, which the image must carry beside it.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
	"path/filepath"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: subcommand serve|version")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "serve":
		serve()
	case "version":
		fmt.Println("v1")
	default:
		fmt.Fprintf(os.Stderr, "unknown command %q\n", os.Args[1])
		os.Exit(2)
	}
}

func serve() {
	if err := os.WriteFile("state.txt", []byte("up\n"), 0o600); err != nil {
		log.Fatal(err)
	}
	cfg, err := os.UserConfigDir()
	if err == nil {
		err = os.MkdirAll(filepath.Join(cfg, "subcommand"), 0o700)
	}
	if err != nil {
		log.Fatal(err)
	}
	http.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		greeting, err := os.ReadFile("templates/greeting.txt")
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Write(greeting)
	})
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
