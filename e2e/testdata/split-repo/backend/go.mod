module example.com/split/backend

go 1.24
