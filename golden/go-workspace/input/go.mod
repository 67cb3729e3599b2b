module example.com/e2e/gowork

go 1.26

require github.com/google/uuid v1.6.0
