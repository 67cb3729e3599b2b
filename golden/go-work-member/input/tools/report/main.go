// Command report is a tool of the workspace the API does not use.
package main

import "fmt"

func main() { fmt.Println("report") }
