package main

import (
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
	http.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("web\n")) })
	log.Fatal(http.ListenAndServe(":"+env("WEB_PORT", "80"), nil))
}
