package pmptest

import (
	"fmt"
	"strings"
)

// Active Directory domains by NetBIOS name, and their DNS suffixes. WORKGROUP computers are
// not domain members and have no DNS suffix.
const (
	domainCORP = iota
	domainENG
	domainWorkgroup
)

var (
	domainNames    = []string{"CORP", "ENG", "WORKGROUP"}
	domainSuffixes = []string{"corp.example.com", "eng.example.com", ""}
)

// domainWeights are the shares of each domain by computer kind.
var domainWeights = [4][]int{
	kindDesktop: {70, 22, 8},
	kindServer:  {65, 35, 0},
	kindMac:     {0, 30, 70},
	kindLinux:   {0, 40, 60},
}

// Remote offices. Index 0 is the main site, which PMP calls "Local Office".
var (
	officeNames    = []string{"Local Office", "Branch-North", "Branch-Berlin", "Branch-Singapore"}
	officeIDs      = []int64{1, 2, 3, 4}
	officeWeights  = []int{55, 15, 18, 12}
	officePrefixes = []string{"", "NTH-", "BER-", "SIN-"}
	officeSubnets  = []int{20, 30, 40, 50} // second octet of the office's 10.x.0.0/16 ranges
	officeSites    = []string{"HQ", "North", "Berlin", "Singapore"}
)

const officeBerlin = 2

// Custom groups, as bits of computer.groups.
const (
	groupAll = 1 << iota
	groupFinance
	groupEngineering
	groupServers
	groupPilot
	groupBerlinLaptops
)

var groupNames = []string{
	"All Computers Group", "Finance PCs", "Engineering Workstations", "Production Servers",
	"Pilot Ring", "Berlin Laptops",
}

var firstNames = []string{
	"james", "mary", "robert", "patricia", "john", "jennifer", "michael", "linda", "david",
	"elizabeth", "william", "barbara", "richard", "susan", "joseph", "jessica", "thomas",
	"sarah", "charles", "karen", "daniel", "lisa", "matthew", "nancy", "anthony", "sandra",
	"mark", "ashley", "priya", "wei", "fatima", "lukas", "sofia", "mateo", "aisha", "hiroshi",
	"olga", "kwame", "ingrid", "raj", "chen", "amelie", "noah", "emma", "liam", "olivia",
	"yusuf", "elena", "jose", "ana", "sven", "freya", "tomasz", "zofia", "arjun", "mei",
	"omar", "leila", "kenji", "nadia",
}

var lastNames = []string{
	"smith", "johnson", "williams", "brown", "jones", "garcia", "miller", "davis",
	"rodriguez", "martinez", "hernandez", "lopez", "wilson", "anderson", "taylor", "moore",
	"jackson", "martin", "lee", "thompson", "white", "harris", "clark", "lewis", "walker",
	"young", "allen", "king", "wright", "mueller", "schmidt", "schneider", "fischer", "weber",
	"novak", "kowalski", "tanaka", "suzuki", "sato", "kim", "park", "nguyen", "patel", "shah",
	"singh", "okafor", "mensah", "andersson", "johansson", "rossi", "bianchi", "dubois",
	"moreau", "silva", "santos", "ivanova", "petrov", "cohen", "haddad", "oconnor",
}

// serverRoles are host-name parts of Windows servers and their descriptions.
var serverRoles = []struct{ code, description string }{
	{"DC", "Domain controller"},
	{"FS", "File server"},
	{"SQL", "SQL Server database host"},
	{"APP", "Line-of-business application server"},
	{"WEB", "IIS web front end"},
	{"PRN", "Print server"},
	{"RDS", "Remote Desktop session host"},
	{"BKP", "Backup server"},
	{"CA", "Certificate authority"},
	{"HV", "Hyper-V host"},
}

// linuxRoles are host-name parts of Linux servers by OS family.
var linuxRoles = map[int][]string{
	osUbuntu2404: {"build", "ci", "web", "k8s-node", "dev"},
	osUbuntu2204: {"build", "ci", "web", "k8s-node", "dev"},
	osRHEL9:      {"db", "app", "erp", "mq"},
}

// serviceAccounts are logged-on users seen on servers.
var serviceAccounts = []string{"administrator", "svc_backup", "svc_sql", "adm.ops"}

// personName returns the first.last login name of person n.
func personName(n int) string {
	first := firstNames[n%len(firstNames)]
	last := lastNames[(n/len(firstNames))%len(lastNames)]
	return first + "." + last
}

// displayName turns a first.last login name into "First Last".
func displayName(login string) string {
	parts := strings.Split(login, ".")
	for i, p := range parts {
		if p != "" {
			parts[i] = strings.ToUpper(p[:1]) + p[1:]
		}
	}
	return strings.Join(parts, " ")
}

// hostNamer hands out unique host names per prefix.
type hostNamer struct {
	next map[string]int
}

func newHostNamer() *hostNamer {
	return &hostNamer{next: make(map[string]int)}
}

// name returns prefix followed by the next number for that prefix, zero-padded to width.
func (h *hostNamer) name(prefix string, width int) string {
	h.next[prefix]++
	return fmt.Sprintf("%s%0*d", prefix, width, h.next[prefix])
}
