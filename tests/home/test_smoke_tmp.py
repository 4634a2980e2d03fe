from tests.factories import add_info_page, translate


def test_home_and_info(client, home_page):
    page = add_info_page(home_page, title="Об ОПИ", slug="about")
    translate(home_page, "en", title="OPI Center", hero_title="Pilot testing")
    translate(page, "en", title="About")
    assert client.get("/").status_code == 200
    r = client.get("/en/about/")
    assert r.status_code == 200, r.status_code
    assert "About" in r.content.decode()
