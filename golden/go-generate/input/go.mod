module example.com/dials

go 1.25

require github.com/acme/tmplc v0.4.1
