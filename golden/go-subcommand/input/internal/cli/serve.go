package cli

import (
	"net/http"
	"strconv"

	"github.com/spf13/cobra"
)

var port int

var serveCmd = &cobra.Command{
	Use: "serve",
	RunE: func(*cobra.Command, []string) error {
		return http.ListenAndServe(":"+strconv.Itoa(port), nil)
	},
}

var webCmd = &cobra.Command{Use: "web", Hidden: true, RunE: serveCmd.RunE}

func init() { serveCmd.Flags().IntVar(&port, "port", 7070, "listen port") }
