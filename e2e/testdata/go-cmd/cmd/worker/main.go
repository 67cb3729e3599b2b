// Command worker is the second main package: the image must not run it.
package main

import (
	"fmt"

	"example.com/e2e/gocmd/internal/greet"
)

func main() {
	fmt.Print(greet.Message("worker"))
}
