package main

import (
	"html/template"
	"net/http"
)

func main() {
	page := template.Must(template.ParseGlob("templates/*.html"))
	http.Handle("/public/", http.StripPrefix("/public/", http.FileServer(http.Dir("public"))))
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { page.Execute(w, nil) })
	http.ListenAndServe(":8181", nil)
}
