"""Good news told: a CCP or a job obtained, a workshop that went well, a birth, a wedding, a
move. The reply congratulates; `smalltalk_gate` turns it to comfort when the story is hard."""

from __future__ import annotations

from bot.answers.lazy_pattern import LazyPattern

# Good news about the titre, told without a question: "j'ai eu mon CCP1 hier !"
GOOD_NEWS = LazyPattern(
    r"\b(?:j ai|jai|g|j l ai|jlai|je l ai|j|on a|nous avons|a|ont|vient d|viennent d|venons d)"
    r" (?:tous |toutes |tout |enfin |bien )?(?:eu|obtenu|valide|reussi|decroche)"
    r" (?:mon|ma|mes|le|la|les|l|son|sa|ses|leur|leurs|notre|nos|un|une)"
    r" (?:ccp\d?|titre|diplome|certification|certif|examen|oral|jury|session|bloc|bac|brevet|permis"
    r"|concours|bts|licence|master|cdi|cdd|poste|contrat|emploi|job|boulot)"
    # "J'ai enfin terminé mon dossier professionnel et je l'ai envoyé ce midi."
    r"|\bj ai (?:enfin |bien )?(?:termine|fini|envoye|rendu|depose|boucle)"
    r" (?:mon|ma|le|la) (?:dp|dossier|memoire|rapport)\b|\bfeter ca\b"
    # "je viens de réussir mon CCP1 !": the same news, just told.
    r"|\b(?:viens|vient|venons|venez|viennent) (?:de |d )(?:enfin )?"
    r"(?:avoir|obtenir|valider|reussir|decrocher)"
    r" (?:mon|ma|mes|le|la|les|l|son|sa|ses|notre|nos|leur|leurs|un|une)"
    r" (?:\w+ )?(?:ccp\d?|titre|diplome|certification|certif|examen|oral|bloc|cdi|cdd|poste"
    r"|contrat|emploi|job)"
    r"|\bfiere?s? (?:d elle|de lui|d eux|de nous|de moi)\b"
    # A trainer's news of the group: "Bravo à toute la promo, 100 % de réussite au CCP1 !"
    r"|\bbravo a (?:toute la |tous |toutes |mes |nos |notre |la |le |les |l )?(?:promo|groupe"
    r"|stagiaires|collegues|apprenants|cohorte|laureats|laureates)\b"
    r"|\bj ai le plaisir de (?:vous|t) (?:informer|annoncer|faire part)\b"
    r"|\b(?:partager|annoncer) (?:une|la|cette|ma) (?:(?:bonne|belle|grande|super) )?nouvelle\b"
    r"|\bbonne nouvelle\b|\baux anges\b|\b(?:je l ai|j l ai|jlai|on l a) (?:enfin )?eu\b"
    r"|\bj ai signe\b[a-z ]{0,20}\bcontrat\b|\b(?:j ai|jai) signe (?:mon|ma|un|une) (?:cdi|cdd)\b"
    # "j'ai trouvé un taf de cnum 😍": a job found, in any words.
    r"|\b(?:j ai|jai|g) (?:enfin )?trouve (?:un|une|mon|ma) (?:\w+ )?(?:taf|job|boulot|poste|emploi"
    r"|travail|cdi|cdd|contrat|stage|alternance)\b"
    r"|\bj ai (?:enfin )?(?:le|mon) (?:titre|ccp\d?|diplome)(?: complet)?\b"
    r"|\b(?:confirmee?|titularisee?|reconduite?|renouvelee?) dans (?:mon|son) poste\b"
    r"|\b(?:je suis|jsuis|chui) (?:\w+ )?(?:embauchee?|recrutee?|titularisee?"
    r"|prise? en (?:cdi|cdd|contrat))\b|^ca y est\b"
    r"|\bje suis (?:recue?|admise?|diplomee?|certifiee?|titulaire|aux anges)\b"
    r"|\bm a annonce que j (?:avais|ai) (?:le|mon|ma|mes|la|les)\b|\btrop contente?s?\b"
    # A workshop the usagers loved: "les seniors ont adoré", "kiffé l'atelier ce matin".
    r"|\b(?:ont|a) (?:adore|kiffe|beaucoup aime|vraiment aime|trop aime)\b"
    r"|^(?:j ai )?(?:kiffe|adore) (?:l|mon|notre|cet|ce|la|ma) (?:atelier|seance|journee|animation)"
    r"|\bon (?:lui|leur) envoie (?:nos|toutes nos) felicitations\b"
    r"|\bm a (?:valide|accorde|delivre|decerne|donne|attribue) (?:mon|ma|mes|le|la|les|l)"
    r" (?:\w+ )?(?:ccp\d?|titre|diplome|certification|bloc)"
    r"|\bc est valide\b|\bj ai (?:tout )?valide\b"
    # "mon premier atelier s'est super bien passé", "je suis officiellement maman".
    r"|\bs est (?:super |tres |trop |vraiment |hyper |tellement )?bien passee?\b"
    r"|\bje suis (?:officiellement |enfin )?(?:maman|papa|grand mere|grand pere)\b"
    r"|\bj ai ete (?:prise?|recrutee?|embauchee?|retenue?|admise?|recue?) (?:comme|au|a|en)\b"
    # Told by the employer: "notre conseillère vient d'être embauchée en CDI".
    r"|\bvient d etre (?:embauchee?|recrutee?|titularisee?|prise?) en (?:cdi|cdd|contrat)\b"
    r"|\bsur un (?:petit )?nuage\b"
    # Life's news: "ma fille est née hier", "je me marie samedi", "on a déménagé à Cayenne".
    r"|\b(?:est|sont) nee?s? (?:hier|ce matin|cette nuit|aujourd hui|lundi|mardi|mercredi"
    r"|jeudi|vendredi|samedi|dimanche|la semaine derniere)\b"
    r"|\b(?:vient|viens|venons|viennent) d avoir (?:un|une|des) (?:bebe|enfant|fille|garcon"
    r"|petite? \w+|jumeaux|jumelles)\b"
    r"|\b(?:je me|on se|nous nous) (?:marie|marions|pacse|pacsons)\b"
    r"|\b(?:j ai|on a|nous avons) (?:enfin |bien )?demenage\b"
    # "CCP1 validé 🎉 !!!", "titre en poche": the whole message is the news.
    r"|^(?:mon |ma |mes |le |la |les )?(?:ccp ?\d?|titre|diplome|dp|dossier|bloc ?\d?|oral"
    r"|examen|certification|certif)(?: \w+)? (?:valide|validee|obtenu|obtenue|reussi|en poche)"
    r"(?: \w+)?$"
)
