//go:build js

package cli

func runServe(c *cli, a args) error { return usagef("serve does not run in the browser") }
func runSite(c *cli, a args) error  { return usagef("site does not run in the browser") }

var serveFlags, siteFlags []flagSpec
