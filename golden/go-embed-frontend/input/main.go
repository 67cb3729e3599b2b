package main

import (
	"net/http"

	"example.com/board/web"
)

func main() { http.ListenAndServe(":8181", http.FileServerFS(web.Dist)) }
