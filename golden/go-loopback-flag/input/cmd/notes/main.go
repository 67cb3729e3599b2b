package main

import (
	"flag"
	"log"
	"net/http"

	"example.com/notes/internal/config"
)

func main() {
	cfg := config.Default()
	flag.StringVar(&cfg.HTTPAddr, "http", cfg.HTTPAddr, "address to listen on")
	flag.Parse()
	http.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("notes\n")) })
	log.Fatal(http.ListenAndServe(cfg.HTTPAddr, nil))
}
