// go-port80 defaults to port 80, which the image's non-root user cannot
// bind: the generated image must move it to 8080 through PORT80_ADDR's
// default (ENV), and the probe must get an answer there.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
)

func env(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func main() {
	addr := env("PORT80_ADDR", ":80")
	http.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintf(w, "hello from go-port80 on %s\n", addr)
	})
	log.Fatal(http.ListenAndServe(addr, nil))
}
