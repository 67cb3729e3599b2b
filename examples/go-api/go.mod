module github.com/acme/go-api

go 1.25.0

toolchain go1.26.8
