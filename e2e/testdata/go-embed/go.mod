module example.com/e2e/goembed

go 1.26
