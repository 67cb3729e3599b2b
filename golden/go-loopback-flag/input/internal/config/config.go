// Package config holds the service's settings and their defaults.
package config

// Config is what the service reads at start.
type Config struct {
	HTTPAddr string
	DataDir  string
}

// Default is the configuration of a development machine.
func Default() Config {
	return Config{HTTPAddr: "127.0.0.1:7070", DataDir: "./data"}
}
