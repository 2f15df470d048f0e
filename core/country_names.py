"""Country names in our languages, one entry per country of django-countries.

django-countries has no Indonesian names (every country would read in English on the
Indonesian site) and some odd Arabic ones ("جنوب افريقيا (الجمهورية)"). Our catalogues
(`locale/`) come before its own, so these msgids, translated there, are what readers see:
Indonesian and Arabic from the Unicode CLDR (as Babel ships it), the other languages as
django-countries writes them. Nothing imports this module: it is where `makemessages`
finds the names.
"""

from django.utils.translation import gettext_noop

COUNTRY_NAMES = (
    gettext_noop("Afghanistan"),  # AF
    gettext_noop("Åland Islands"),  # AX
    gettext_noop("Albania"),  # AL
    gettext_noop("Algeria"),  # DZ
    gettext_noop("American Samoa"),  # AS
    gettext_noop("Andorra"),  # AD
    gettext_noop("Angola"),  # AO
    gettext_noop("Anguilla"),  # AI
    gettext_noop("Antarctica"),  # AQ
    gettext_noop("Antigua and Barbuda"),  # AG
    gettext_noop("Argentina"),  # AR
    gettext_noop("Armenia"),  # AM
    gettext_noop("Aruba"),  # AW
    gettext_noop("Australia"),  # AU
    gettext_noop("Austria"),  # AT
    gettext_noop("Azerbaijan"),  # AZ
    gettext_noop("Bahamas (The)"),  # BS
    gettext_noop("Bahrain"),  # BH
    gettext_noop("Bangladesh"),  # BD
    gettext_noop("Barbados"),  # BB
    gettext_noop("Belarus"),  # BY
    gettext_noop("Belgium"),  # BE
    gettext_noop("Belize"),  # BZ
    gettext_noop("Benin"),  # BJ
    gettext_noop("Bermuda"),  # BM
    gettext_noop("Bhutan"),  # BT
    gettext_noop("Bolivia (Plurinational State of)"),  # BO
    gettext_noop("Bonaire, Sint Eustatius and Saba"),  # BQ
    gettext_noop("Bosnia and Herzegovina"),  # BA
    gettext_noop("Botswana"),  # BW
    gettext_noop("Bouvet Island"),  # BV
    gettext_noop("Brazil"),  # BR
    gettext_noop("British Indian Ocean Territory"),  # IO
    gettext_noop("Brunei Darussalam"),  # BN
    gettext_noop("Bulgaria"),  # BG
    gettext_noop("Burkina Faso"),  # BF
    gettext_noop("Burundi"),  # BI
    gettext_noop("Cabo Verde"),  # CV
    gettext_noop("Cambodia"),  # KH
    gettext_noop("Cameroon"),  # CM
    gettext_noop("Canada"),  # CA
    gettext_noop("Cayman Islands"),  # KY
    gettext_noop("Central African Republic"),  # CF
    gettext_noop("Chad"),  # TD
    gettext_noop("Chile"),  # CL
    gettext_noop("China"),  # CN
    gettext_noop("Christmas Island"),  # CX
    gettext_noop("Cocos (Keeling) Islands"),  # CC
    gettext_noop("Colombia"),  # CO
    gettext_noop("Comoros"),  # KM
    gettext_noop("Congo"),  # CG
    gettext_noop("Congo (the Democratic Republic of the)"),  # CD
    gettext_noop("Cook Islands"),  # CK
    gettext_noop("Costa Rica"),  # CR
    gettext_noop("Côte d'Ivoire"),  # CI
    gettext_noop("Croatia"),  # HR
    gettext_noop("Cuba"),  # CU
    gettext_noop("Curaçao"),  # CW
    gettext_noop("Cyprus"),  # CY
    gettext_noop("Czechia"),  # CZ
    gettext_noop("Denmark"),  # DK
    gettext_noop("Djibouti"),  # DJ
    gettext_noop("Dominica"),  # DM
    gettext_noop("Dominican Republic"),  # DO
    gettext_noop("Ecuador"),  # EC
    gettext_noop("Egypt"),  # EG
    gettext_noop("El Salvador"),  # SV
    gettext_noop("Equatorial Guinea"),  # GQ
    gettext_noop("Eritrea"),  # ER
    gettext_noop("Estonia"),  # EE
    gettext_noop("Eswatini"),  # SZ
    gettext_noop("Ethiopia"),  # ET
    gettext_noop("Falkland Islands (Malvinas)"),  # FK
    gettext_noop("Faroe Islands"),  # FO
    gettext_noop("Fiji"),  # FJ
    gettext_noop("Finland"),  # FI
    gettext_noop("France"),  # FR
    gettext_noop("French Guiana"),  # GF
    gettext_noop("French Polynesia"),  # PF
    gettext_noop("French Southern Territories"),  # TF
    gettext_noop("Gabon"),  # GA
    gettext_noop("Gambia"),  # GM
    gettext_noop("Georgia"),  # GE
    gettext_noop("Germany"),  # DE
    gettext_noop("Ghana"),  # GH
    gettext_noop("Gibraltar"),  # GI
    gettext_noop("Greece"),  # GR
    gettext_noop("Greenland"),  # GL
    gettext_noop("Grenada"),  # GD
    gettext_noop("Guadeloupe"),  # GP
    gettext_noop("Guam"),  # GU
    gettext_noop("Guatemala"),  # GT
    gettext_noop("Guernsey"),  # GG
    gettext_noop("Guinea"),  # GN
    gettext_noop("Guinea-Bissau"),  # GW
    gettext_noop("Guyana"),  # GY
    gettext_noop("Haiti"),  # HT
    gettext_noop("Heard Island and McDonald Islands"),  # HM
    gettext_noop("Holy See"),  # VA
    gettext_noop("Honduras"),  # HN
    gettext_noop("Hong Kong"),  # HK
    gettext_noop("Hungary"),  # HU
    gettext_noop("Iceland"),  # IS
    gettext_noop("India"),  # IN
    gettext_noop("Indonesia"),  # ID
    gettext_noop("Iran (Islamic Republic of)"),  # IR
    gettext_noop("Iraq"),  # IQ
    gettext_noop("Ireland"),  # IE
    gettext_noop("Isle of Man"),  # IM
    gettext_noop("Israel"),  # IL
    gettext_noop("Italy"),  # IT
    gettext_noop("Jamaica"),  # JM
    gettext_noop("Japan"),  # JP
    gettext_noop("Jersey"),  # JE
    gettext_noop("Jordan"),  # JO
    gettext_noop("Kazakhstan"),  # KZ
    gettext_noop("Kenya"),  # KE
    gettext_noop("Kiribati"),  # KI
    gettext_noop("Korea (the Democratic People's Republic of)"),  # KP
    gettext_noop("Korea (the Republic of)"),  # KR
    gettext_noop("Kuwait"),  # KW
    gettext_noop("Kyrgyzstan"),  # KG
    gettext_noop("Lao People's Democratic Republic"),  # LA
    gettext_noop("Latvia"),  # LV
    gettext_noop("Lebanon"),  # LB
    gettext_noop("Lesotho"),  # LS
    gettext_noop("Liberia"),  # LR
    gettext_noop("Libya"),  # LY
    gettext_noop("Liechtenstein"),  # LI
    gettext_noop("Lithuania"),  # LT
    gettext_noop("Luxembourg"),  # LU
    gettext_noop("Macao"),  # MO
    gettext_noop("Madagascar"),  # MG
    gettext_noop("Malawi"),  # MW
    gettext_noop("Malaysia"),  # MY
    gettext_noop("Maldives"),  # MV
    gettext_noop("Mali"),  # ML
    gettext_noop("Malta"),  # MT
    gettext_noop("Marshall Islands"),  # MH
    gettext_noop("Martinique"),  # MQ
    gettext_noop("Mauritania"),  # MR
    gettext_noop("Mauritius"),  # MU
    gettext_noop("Mayotte"),  # YT
    gettext_noop("Mexico"),  # MX
    gettext_noop("Micronesia (Federated States of)"),  # FM
    gettext_noop("Moldova (the Republic of)"),  # MD
    gettext_noop("Monaco"),  # MC
    gettext_noop("Mongolia"),  # MN
    gettext_noop("Montenegro"),  # ME
    gettext_noop("Montserrat"),  # MS
    gettext_noop("Morocco"),  # MA
    gettext_noop("Mozambique"),  # MZ
    gettext_noop("Myanmar"),  # MM
    gettext_noop("Namibia"),  # NA
    gettext_noop("Naoero"),  # NR
    gettext_noop("Nepal"),  # NP
    gettext_noop("Netherlands (Kingdom of the)"),  # NL
    gettext_noop("New Caledonia"),  # NC
    gettext_noop("New Zealand"),  # NZ
    gettext_noop("Nicaragua"),  # NI
    gettext_noop("Niger"),  # NE
    gettext_noop("Nigeria"),  # NG
    gettext_noop("Niue"),  # NU
    gettext_noop("Norfolk Island"),  # NF
    gettext_noop("North Macedonia"),  # MK
    gettext_noop("Northern Mariana Islands"),  # MP
    gettext_noop("Norway"),  # NO
    gettext_noop("Oman"),  # OM
    gettext_noop("Pakistan"),  # PK
    gettext_noop("Palau"),  # PW
    gettext_noop("Palestine, State of"),  # PS
    gettext_noop("Panama"),  # PA
    gettext_noop("Papua New Guinea"),  # PG
    gettext_noop("Paraguay"),  # PY
    gettext_noop("Peru"),  # PE
    gettext_noop("Philippines"),  # PH
    gettext_noop("Pitcairn"),  # PN
    gettext_noop("Poland"),  # PL
    gettext_noop("Portugal"),  # PT
    gettext_noop("Puerto Rico"),  # PR
    gettext_noop("Qatar"),  # QA
    gettext_noop("Réunion"),  # RE
    gettext_noop("Romania"),  # RO
    gettext_noop("Russian Federation"),  # RU
    gettext_noop("Rwanda"),  # RW
    gettext_noop("Saint Barthélemy"),  # BL
    gettext_noop("Saint Helena, Ascension and Tristan da Cunha"),  # SH
    gettext_noop("Saint Kitts and Nevis"),  # KN
    gettext_noop("Saint Lucia"),  # LC
    gettext_noop("Saint Martin (French part)"),  # MF
    gettext_noop("Saint Pierre and Miquelon"),  # PM
    gettext_noop("Saint Vincent and the Grenadines"),  # VC
    gettext_noop("Samoa"),  # WS
    gettext_noop("San Marino"),  # SM
    gettext_noop("Sao Tome and Principe"),  # ST
    gettext_noop("Saudi Arabia"),  # SA
    gettext_noop("Senegal"),  # SN
    gettext_noop("Serbia"),  # RS
    gettext_noop("Seychelles"),  # SC
    gettext_noop("Sierra Leone"),  # SL
    gettext_noop("Singapore"),  # SG
    gettext_noop("Sint Maarten (Dutch part)"),  # SX
    gettext_noop("Slovakia"),  # SK
    gettext_noop("Slovenia"),  # SI
    gettext_noop("Solomon Islands"),  # SB
    gettext_noop("Somalia"),  # SO
    gettext_noop("South Africa"),  # ZA
    gettext_noop("South Georgia and the South Sandwich Islands"),  # GS
    gettext_noop("South Sudan"),  # SS
    gettext_noop("Spain"),  # ES
    gettext_noop("Sri Lanka"),  # LK
    gettext_noop("Sudan"),  # SD
    gettext_noop("Suriname"),  # SR
    gettext_noop("Svalbard and Jan Mayen"),  # SJ
    gettext_noop("Sweden"),  # SE
    gettext_noop("Switzerland"),  # CH
    gettext_noop("Syrian Arab Republic"),  # SY
    gettext_noop("Taiwan (Province of China)"),  # TW
    gettext_noop("Tajikistan"),  # TJ
    gettext_noop("Tanzania, the United Republic of"),  # TZ
    gettext_noop("Thailand"),  # TH
    gettext_noop("Timor-Leste"),  # TL
    gettext_noop("Togo"),  # TG
    gettext_noop("Tokelau"),  # TK
    gettext_noop("Tonga"),  # TO
    gettext_noop("Trinidad and Tobago"),  # TT
    gettext_noop("Tunisia"),  # TN
    gettext_noop("Türkiye"),  # TR
    gettext_noop("Turkmenistan"),  # TM
    gettext_noop("Turks and Caicos Islands"),  # TC
    gettext_noop("Tuvalu"),  # TV
    gettext_noop("Uganda"),  # UG
    gettext_noop("Ukraine"),  # UA
    gettext_noop("United Arab Emirates"),  # AE
    gettext_noop("United Kingdom of Great Britain and Northern Ireland"),  # GB
    gettext_noop("United States Minor Outlying Islands"),  # UM
    gettext_noop("United States of America"),  # US
    gettext_noop("Uruguay"),  # UY
    gettext_noop("Uzbekistan"),  # UZ
    gettext_noop("Vanuatu"),  # VU
    gettext_noop("Venezuela (Bolivarian Republic of)"),  # VE
    gettext_noop("Viet Nam"),  # VN
    gettext_noop("Virgin Islands (British)"),  # VG
    gettext_noop("Virgin Islands (U.S.)"),  # VI
    gettext_noop("Wallis and Futuna"),  # WF
    gettext_noop("Western Sahara"),  # EH
    gettext_noop("Yemen"),  # YE
    gettext_noop("Zambia"),  # ZM
    gettext_noop("Zimbabwe"),  # ZW
)
