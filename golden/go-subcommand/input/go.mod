module example.com/ledger

go 1.25

require github.com/spf13/cobra v1.8.0
