module example.com/e2e/greet

go 1.26
