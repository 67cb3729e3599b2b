module example.com/tools/report

go 1.24
