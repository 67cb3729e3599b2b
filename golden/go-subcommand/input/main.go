package main

import "example.com/ledger/internal/cli"

func main() { cli.Execute() }
