package vacancy

// SearchText is the text a vacancy is found by (title, and a body of
// employer, occupation, place, skills and description), for packages that
// match vacancies against queries in memory as the search does (alerts).
func SearchText(employerName string, in Input) (title, body string) {
	return searchDoc(employerName, in)
}
