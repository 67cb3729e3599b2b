module example.com/svc

go 1.24.3

require github.com/google/uuid v1.6.0
