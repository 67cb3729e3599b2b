module example.com/e2e/gocmd

go 1.26
