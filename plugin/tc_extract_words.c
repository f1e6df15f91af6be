/* The word lists the extractor's files share, in Dutch, French and English (lists used
 * by one file only are at the top of that file; the README quotes examples only).
 * Lower case; ' ' matches any run of white space; a trailing '*' matches a word's
 * beginning.  No list names outcomes: outcome names always come from
 * the sentence that reports them. */
#include "tc_extract.h"

/* A participant was randomised (verb forms, not "randomised trial"). */
const char *const tc_ex_w_randomised[] = {
    "were randomized", "were randomised", "was randomized", "was randomised",
    "were randomly", "was randomly", "been randomized", "been randomised",
    "randomly assigned", "randomly allocated", "randomly divided", "randomly distributed", "divided randomly",
    "randomized to", "randomised to", "randomized into", "randomised into",
    "randomized in", "randomised in", "randomized between", "randomised between",
    "underwent randomization", "underwent randomisation", "assigned randomly", "allocated randomly",
    "we randomized", "we randomised", "were enrolled and randomized", "were enrolled and randomised",
    "were included in a randomized", "were included in a randomised", "were included in the rct",
    "were included in the trial", "patients randomized", "patients randomised", "participants randomized",
    "participants randomised", "subjects randomized", "subjects randomised",
    "randomized patients", "randomised patients", "randomized participants", "randomised participants",
    "randomized subjects", "randomised subjects", "randomized women", "randomised women",
    "randomized children", "randomised children", "randomized adults", "randomised adults",
    "gerandomiseerd", "willekeurig toegewezen", "willekeurig verdeeld", "gerandomiseerd toegewezen",
    "ont été randomisés", "ont été randomisées", "ont été randomisé", "ont été répartis",
    "ont été réparties", "ont été tirés au sort", "randomisés dans", "randomisées dans",
    "randomisés en", "randomisées en", "répartis aléatoirement", "réparties aléatoirement",
    "répartis au hasard", "réparties au hasard", "randomisation de",
    NULL
};

/* Nouns naming participants. */
const char *const tc_ex_w_participants[] = {
    "patients", "participants", "subjects", "adults", "children", "women", "men", "people", "cases",
    "males", "females", "newborns", "neonates", "babies", "couples", "pairs", "families",
    "persons", "individuals", "volunteers", "infants", "adolescents", "students", "pregnant women",
    "mothers", "smokers", "veterans", "residents", "workers", "elderly", "outpatients", "inpatients",
    "deelnemers", "patiënten", "patienten", "volwassenen", "personen", "kinderen", "vrouwen", "mannen",
    "proefpersonen", "ouderen", "zwangeren", "jongeren",
    "patients", "participants", "sujets", "adultes", "enfants", "femmes", "hommes", "personnes",
    "patientes", "participantes", "volontaires",
    NULL
};

/* Words that make an arm the control arm. */
const char *const tc_ex_w_control[] = {
    "placebo*", "control*", "usual care", "standard care", "standard of care", "sham*", "no treatment",
    "waiting list", "wait-list", "waitlist", "controle*", "gebruikelijke zorg", "standaardzorg",
    "standaardbehandeling", "wachtlijst", "alleen", "témoin*", "contrôle", "soins habituels",
    "traitement habituel", "groupe contrôle", "alone", "seul", "seule",
    NULL
};

/* Words that name the intervention arm in an appraisal. */
const char *const tc_ex_w_intervention[] = {
    "intervention group", "intervention arm", "experimental group", "treatment group",
    "interventiegroep", "interventiearm", "groupe intervention",
    "groupe d'intervention", "groupe expérimental",
    NULL
};

const char *const tc_ex_w_primary[] = {
    "primary", "primaire", "primair", "principal", "principaux", "principale", "main outcome",
    NULL
};

const char *const tc_ex_w_secondary[] = {
    "secondary", "secundaire", "secundair", "secondaire", "secondaires",
    NULL
};

/* Words after a number that make it a measurement, not a count of people. */
const char *const tc_ex_w_units[] = {
    "years", "year", "yr", "yrs", "months", "month", "weeks", "week", "days", "day", "hours", "hour",
    "minutes", "min", "h", "jaar", "jaren", "maanden", "maand", "weken", "week", "dagen", "dag", "uur",
    "uren", "ans", "an", "année", "années", "mois", "semaines", "semaine", "jours", "jour", "heures",
    "mg", "g", "kg", "µg", "mcg", "ml", "l", "mmol", "mmhg", "cm", "mm", "m", "iu", "ui", "units",
    "times", "keer", "fois", "sessions", "sessies", "séances", "visits", "doses", "mg/kg",
    "centres", "centers", "sites", "centra", "clinics", "hospitals", "practices", "countries",
    "landen", "pays", "ziekenhuizen", "hôpitaux", "points", "punten", "items", "vragen", "questions",
    "studies", "trials", "studiegroepen", "groups", "groepen", "groupes", "arms", "armen",
    "x", "cycles", "courses",
    NULL
};

const char *const tc_ex_w_to[] = {
    "were randomly assigned to receive", "were randomly assigned to", "were randomly allocated to",
    "of which received", "of whom received", "who received", "serving as", "were given", "to receive", "randomly assigned to", "were randomized to", "were randomised to", "randomized to",
    "randomised to", "were assigned to", "assigned to", "allocated to", "into", "received", "to", "naar", "in de",
    "à", "dans le", "dans la", NULL
};
