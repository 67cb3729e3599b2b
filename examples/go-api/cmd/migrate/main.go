// Command migrate would apply database migrations; it makes this module
// have two main packages, so `dockslim init` asks which one to ship
// (or takes --main).
package main

import "fmt"

func main() { fmt.Println("nothing to migrate") }
