using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivilAffairs.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Applications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Postings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JurisdictionId = table.Column<int>(type: "INTEGER", nullable: false),
                    CommunityId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Days = table.Column<int>(type: "INTEGER", nullable: false),
                    Telephone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PublishedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PublishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CorrectsId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Postings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Postings_Areas_CommunityId",
                        column: x => x.CommunityId,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Postings_Postings_CorrectsId",
                        column: x => x.CorrectsId,
                        principalTable: "Postings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Applications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JurisdictionId = table.Column<int>(type: "INTEGER", nullable: false),
                    CommunityId = table.Column<int>(type: "INTEGER", nullable: false),
                    TownshipId = table.Column<int>(type: "INTEGER", nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Residence = table.Column<int>(type: "INTEGER", nullable: false),
                    VariantCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    BeneficiaryIdNumber = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    ExistingHouseholdId = table.Column<int>(type: "INTEGER", nullable: true),
                    Documents = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReceivedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Stage = table.Column<int>(type: "INTEGER", nullable: false),
                    StageSince = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    VisitedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Visitors = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Findings = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DeclaredMonthlyIncome = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    DeclaredProperty = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Verification = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    InvestigatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ProposedVariantCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ReviewedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PostingId = table.Column<int>(type: "INTEGER", nullable: true),
                    PostingStartsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PostingDays = table.Column<int>(type: "INTEGER", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ApprovedVariantCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    FromMonth = table.Column<int>(type: "INTEGER", nullable: true),
                    SpotCheck = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    HouseholdId = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Applications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Applications_Areas_CommunityId",
                        column: x => x.CommunityId,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Applications_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Applications_Postings_PostingId",
                        column: x => x.PostingId,
                        principalTable: "Postings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    IdNumber = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Relationship = table.Column<int>(type: "INTEGER", nullable: false),
                    DisabilityCategory = table.Column<int>(type: "INTEGER", nullable: true),
                    DisabilityGrade = table.Column<int>(type: "INTEGER", nullable: true),
                    WorkCapacity = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationMembers_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationObjections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    RaisedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Resolution = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ResolvedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationObjections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationObjections_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationSteps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Stage = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationSteps_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PostingEntries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PostingId = table.Column<int>(type: "INTEGER", nullable: false),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    MaskedName = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    MaskedIdNumber = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    HouseholdSize = table.Column<int>(type: "INTEGER", nullable: false),
                    Programme = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    MonthlyAmount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 520, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostingEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PostingEntries_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PostingEntries_Postings_PostingId",
                        column: x => x.PostingId,
                        principalTable: "Postings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationMembers_ApplicationId_Relationship",
                table: "ApplicationMembers",
                columns: new[] { "ApplicationId", "Relationship" });

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationMembers_IdNumber",
                table: "ApplicationMembers",
                column: "IdNumber");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationObjections_ApplicationId",
                table: "ApplicationObjections",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_CommunityId",
                table: "Applications",
                column: "CommunityId");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_HouseholdId",
                table: "Applications",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_JurisdictionId_Stage_TownshipId_StageSince",
                table: "Applications",
                columns: new[] { "JurisdictionId", "Stage", "TownshipId", "StageSince" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_PostingId",
                table: "Applications",
                column: "PostingId");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationSteps_ApplicationId",
                table: "ApplicationSteps",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_PostingEntries_ApplicationId",
                table: "PostingEntries",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_PostingEntries_PostingId",
                table: "PostingEntries",
                column: "PostingId");

            migrationBuilder.CreateIndex(
                name: "IX_Postings_CommunityId",
                table: "Postings",
                column: "CommunityId");

            migrationBuilder.CreateIndex(
                name: "IX_Postings_CorrectsId",
                table: "Postings",
                column: "CorrectsId");

            migrationBuilder.CreateIndex(
                name: "IX_Postings_JurisdictionId_CommunityId",
                table: "Postings",
                columns: new[] { "JurisdictionId", "CommunityId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApplicationMembers");

            migrationBuilder.DropTable(
                name: "ApplicationObjections");

            migrationBuilder.DropTable(
                name: "ApplicationSteps");

            migrationBuilder.DropTable(
                name: "PostingEntries");

            migrationBuilder.DropTable(
                name: "Applications");

            migrationBuilder.DropTable(
                name: "Postings");
        }
    }
}
