module example.com/subcommand

go 1.24
